//! The real `newskg extract` binary on hostile texts: long lists, runs of
//! capitalised names, nested brackets and quotes, tables pasted as text, odd
//! numbers and a megabyte of sentences. Each run must exit 0 and print valid
//! N-Triples; large inputs must give output that grows at most linearly.
//! No wall-clock times are asserted: a generous timeout only catches hangs.

use oxigraph::io::{RdfFormat, RdfParser};
use regex::Regex;
use std::fs::File;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// Only a hang takes this long; the real runs take about a second.
const HANG: Duration = Duration::from_secs(120);

/// Writes `text` to a file in a temp dir and runs `newskg extract FILE
/// --format nt` on it, killing the process (and failing) after [`HANG`].
fn extract(text: &str, name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(format!("{name}.txt"));
    std::fs::write(&input, text).unwrap();
    run_on(&input, dir.path())
}

fn run_on(input: &Path, dir: &Path) -> String {
    let (status, stdout, stderr) = run_raw(input, dir);
    assert!(
        status.success(),
        "newskg extract {} exited with {status}: {stderr}",
        input.display()
    );
    stdout
}

/// Runs the binary on `input` with output to files in `dir`; fails on a
/// hang or a panic, whatever the exit status.
fn run_raw(input: &Path, dir: &Path) -> (ExitStatus, String, String) {
    let out_path = dir.join("out.nt");
    let err_path = dir.join("err.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .env_remove("NEWSKG_STORE")
        .env("NO_COLOR", "1")
        .arg("--store")
        .arg(dir.join("never-created"))
        .arg("extract")
        .arg(input)
        .args(["--format", "nt"])
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).unwrap())
        .stderr(File::create(&err_path).unwrap())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "newskg extract {} hung (killed after {HANG:?})",
                input.display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8(std::fs::read(&out_path).unwrap()).expect("UTF-8 output");
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned();
    assert!(
        !stderr.contains("panicked") && status.code().is_some(),
        "newskg extract {} crashed ({status}): {stderr}",
        input.display()
    );
    (status, stdout, stderr)
}

static IRI: &str = r"<[^<>\x22{}|^`\\\x00-\x20]*>";
static BNODE: &str = r"_:[A-Za-z0-9_][A-Za-z0-9_.\-]*";
static LITERAL: &str = r#""(?:[^"\\\n\r]|\\[tbnrf"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^<[^<>\x22{}|^`\\\x00-\x20]*>)?"#;

/// The shape of one N-Triples line: subject, predicate, object, " .".
static TRIPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{IRI}|{BNODE}) {IRI} (?:{IRI}|{BNODE}|{LITERAL}) \.$"
    ))
    .unwrap()
});

/// Typed literals whose lexical form the datatype constrains.
static TYPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""([^"]*)"\^\^<http://www\.w3\.org/2001/XMLSchema#(decimal|integer|date|nonNegativeInteger)>"#)
        .unwrap()
});

/// Every non-empty line is an N-Triples line ending in " ."; the whole
/// output parses as N-Triples with one triple a line; decimals, integers and
/// dates have valid lexical forms. Returns the number of triples.
fn assert_ntriples(out: &str) -> usize {
    let decimal = Regex::new(r"^[+-]?(\d+(\.\d*)?|\.\d+)$").unwrap();
    let integer = Regex::new(r"^[+-]?\d+$").unwrap();
    let date = Regex::new(r"^\d{4}-\d{2}-\d{2}$").unwrap();
    let lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    for l in &lines {
        assert!(l.ends_with(" ."), "line does not end with \" .\": {l}");
        assert!(TRIPLE.is_match(l), "not an N-Triples line: {l}");
        for c in TYPED.captures_iter(l) {
            let (value, ty) = (&c[1], &c[2]);
            let ok = match ty {
                "decimal" => decimal.is_match(value),
                "integer" | "nonNegativeInteger" => integer.is_match(value),
                _ => date.is_match(value),
            };
            assert!(ok, "invalid xsd:{ty} {value:?} in: {l}");
        }
    }
    let triples: Vec<_> = RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(out.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("output is not N-Triples: {e}"));
    assert_eq!(triples.len(), lines.len(), "one triple per line");
    triples.len()
}

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const NAMES: &[&str] = &[
    "Ilham Aliyev",
    "Vladimir Putin",
    "Alexander Lukashenko",
    "Kassym-Jomart Tokayev",
    "Shavkat Mirziyoyev",
    "Minsk Tractor Works",
    "Ganja Automobile Plant",
    "Gazprom",
    "Kazakhstan Temir Zholy",
    "Azerbaijan",
    "Belarus",
    "Russia",
    "China",
    "Baku",
    "Tashkent",
    "Ivan Petrov",
    "Tashkent Tractor Plant",
    "Ministry of Economy of Azerbaijan",
    "Александр Лукашенко",
    "Белоруссия",
];

fn numbers_and_names(words: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut out: Vec<String> = Vec::new();
    let mut n = 0;
    while n < words {
        let name = rng.pick(NAMES);
        n += name.split_whitespace().count();
        out.push(name.to_string());
        out.push(match rng.below(5) {
            0 => format!("${}.{} billion", rng.below(1000), rng.below(100)),
            1 => format!("{},{} млн долларов", rng.below(1000), rng.below(10)),
            2 => format!("{}%", rng.below(100)),
            3 => format!("{}", 1990 + rng.below(50)),
            _ => format!("{}", rng.below(100_000)),
        });
        n += 1;
    }
    out.join(" ")
}

#[test]
fn a_300_word_sentence_listing_names_and_numbers() {
    let text = format!(
        "Trade turnover between {} and Belarus reached $5 billion, officials said.",
        numbers_and_names(300, 1)
    );
    assert!(text.split_whitespace().count() >= 300);
    let run = extract(&text, "list");
    let n = assert_ntriples(&run);
    assert!(n > 0, "an article node at least");
    // The same list in Russian, and with commas between the items.
    let ru = format!(
        "Товарооборот между {} и Белоруссией достиг 5 млрд долларов.",
        numbers_and_names(300, 2)
    );
    assert_ntriples(&extract(&ru, "list-ru"));
    let commas = numbers_and_names(300, 3).replace(' ', ", ");
    assert_ntriples(&extract(&commas, "list-commas"));
}

#[test]
fn forty_capitalised_names_joined_by_commas() {
    let first = [
        "Alexei", "Boris", "Dmitry", "Elena", "Farid", "Gulnara", "Hasan", "Irina",
    ];
    let last = ["Ivanov", "Petrova", "Aliyev", "Nazarbayev", "Sidorov"];
    let names: Vec<String> = (0..40)
        .map(|i| format!("{} {}", first[i % first.len()], last[(i / 8) % last.len()]))
        .collect();
    for text in [
        format!("The delegation included {} and Russia.", names.join(", ")),
        format!("{} met with Ilham Aliyev in Baku.", names.join(", ")),
        format!("{} signed an agreement.", names.join(", ")),
        // Titles before every name; organisations instead of people.
        format!("Ministers {} held talks.", names.join(", Minister ")),
        (0..40)
            .map(|i| format!("{} {} Company", first[i % 8], last[i % 5]))
            .collect::<Vec<_>>()
            .join(", ")
            + " and the Ministry of Economy signed a memorandum.",
        // No spaces after the commas.
        names.join(","),
    ] {
        let run = extract(&text, "names");
        assert_ntriples(&run);
    }
}

#[test]
fn nested_brackets_and_quotes() {
    let inner = "Azerbaijan and Belarus signed an agreement «(\"$2.5 billion\")» on cooperation";
    let texts = [
        format!("((( \"«{inner}»\" )))."),
        format!("((({{[«\"„“{inner}”“\"»]}})))) )) » \" ( « ["),
        "(((«\"".repeat(200) + "Russia invested $6 billion in Azerbaijan" + &"\"»)))".repeat(200),
        "«".repeat(3000) + "Ilham Aliyev met with Vladimir Putin" + &"»".repeat(3000),
        "(".repeat(5000) + "Товарооборот между Россией и Китаем составил 240 млрд долларов" + &")".repeat(10),
        "\"".repeat(4001) + " Kazakhstan \"Temir Zholy\" \"" + &"'".repeat(999),
        "Минский тракторный завод «МТЗ» («Минский «тракторный» завод») и «Амкодор» (\"Amkodor\" («А»)) подписали соглашение.".to_string(),
    ];
    for text in texts {
        let run = extract(&text, "brackets");
        assert_ntriples(&run);
    }
}

#[test]
fn a_table_pasted_as_text() {
    let countries = [
        "Russia",
        "Belarus",
        "Kazakhstan",
        "China",
        "Azerbaijan",
        "Uzbekistan",
        "Georgia",
        "Turkey",
    ];
    let mut rows = vec![
        "| Country\t| Partner\t| Export, $ mln\t| Import, $ mln\t| Turnover\t| Change, %\t|"
            .to_string(),
        "|---------\t|--------\t|---------------\t|---------------\t|----------\t|-----------\t|"
            .to_string(),
    ];
    let mut rng = Lcg(42);
    for i in 0..120 {
        rows.push(format!(
            "| {}\t| {}\t| ${}.{} mln\t| {},{} млн долларов\t| {} billion USD\t| +{}.{}%\t|",
            countries[i % countries.len()],
            countries[(i * 3 + 1) % countries.len()],
            rng.below(10_000),
            rng.below(10),
            rng.below(10_000),
            rng.below(10),
            rng.below(100),
            rng.below(100),
            rng.below(10),
        ));
    }
    let table = rows.join("\n");
    assert_ntriples(&extract(&table, "table"));
    // The same table without line breaks, and with only tabs or only pipes.
    assert_ntriples(&extract(&table.replace('\n', " "), "table-flat"));
    assert_ntriples(&extract(&table.replace('|', ""), "table-tabs"));
    assert_ntriples(&extract(&table.replace('\t', " "), "table-pipes"));
    // A table inside an article.
    let article = format!(
        "Trade turnover between Russia and Belarus reached $50 billion in 2023.\n{table}\nThe figures are preliminary."
    );
    let run = extract(&article, "table-article");
    assert_ntriples(&run);
    assert!(
        run.contains("50000000000"),
        "the article's own figure survives"
    );
}

#[test]
fn odd_numbers() {
    for text in [
        "Trade between Russia and China reached 1.2.3 billion dollars.",
        "Trade between Russia and China reached $$ in 2023, $$$5 and $.",
        "Trade between Russia and China reached 2,5,6 dollars.",
        "Trade between Russia and China reached $ 1,2,3 billion in 2023.",
        "Investments of $1.2.3.4.5 bn and USD 9,99,999.9 mln and $0.000000001 trillion.",
        "$ $ $ 1 2 3 , , , . . . billion million",
        "Товарооборот между Россией и Китаем составил 1.2.3 млрд долларов, $$ 2,5,6 руб., 1 2 3 4 5 6 7 8 9 млн рублей.",
        "Экспорт составил $ 1,2,3 млрд, импорт - ,5 млн долларов, сальдо -$-3 млрд.",
        "Trade reached $99999999999999999999999999999999999999 trillion in 2023 between Russia and China.",
        "Trade reached $1e10 billion, 0x1F million dollars, ½ billion dollars and ٣ million dollars between Russia and China.",
        "In 1.2.2023-3.4.2024 and 2023-2024-2025 trade between Russia and China hit 10% to 5%% of $5 billion.",
    ] {
        let run = extract(text, "numbers");
        assert_ntriples(&run);
    }
}

#[test]
fn empty_and_blank_inputs() {
    // An empty (or whitespace-only) file is a usage error, stated cleanly.
    for text in ["", " ", "\n\n\n", "\u{feff}"] {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("empty.txt");
        std::fs::write(&input, text).unwrap();
        let (status, stdout, stderr) = run_raw(&input, dir.path());
        assert_eq!(status.code(), Some(2), "{text:?}: {stderr}");
        assert!(stderr.contains("empty"), "{text:?}: {stderr}");
        assert_ntriples(&stdout);
    }
    // Text without words is still an article.
    for text in ["\t|\t|\t", "...", "«»", "$", "\u{200b}\u{00a0}"] {
        let run = extract(text, "blank");
        assert_ntriples(&run);
    }
}

/// Real-looking sentences, different each time (names, amounts, years).
fn sentences(bytes: usize, seed: u64) -> String {
    const SYL: &[&str] = &[
        "ka", "ro", "mi", "ta", "vo", "len", "sha", "dor", "nik", "pet", "zan", "bek", "ul", "gor",
        "ser", "tam", "yev", "rov", "lin", "mur",
    ];
    let mut rng = Lcg(seed);
    let name = |rng: &mut Lcg| {
        let mut s: String = (0..3).map(|_| rng.pick(SYL)).collect();
        s[..1].make_ascii_uppercase();
        s
    };
    let mut out = String::new();
    while out.len() < bytes {
        let a = format!("{} {}ov", name(&mut rng), name(&mut rng));
        let b = format!("{} {}ev", name(&mut rng), name(&mut rng));
        let s = match rng.below(6) {
            0 => format!("Deputy Minister {a} met with Azerbaijani Economy Minister {b} in Baku."),
            1 => format!(
                "Trade turnover between Russia and Azerbaijan reached ${}.{} million in {}.",
                rng.below(1000),
                rng.below(10),
                1990 + rng.below(50)
            ),
            2 => format!(
                "The {} Tractor Plant and the {} Automobile Plant signed an agreement on cooperation.",
                name(&mut rng),
                name(&mut rng)
            ),
            3 => format!(
                "Товарооборот между Белоруссией и Азербайджаном достиг {},{} млн долларов в {} году.",
                rng.below(1000),
                rng.below(10),
                1990 + rng.below(50)
            ),
            4 => format!(
                "{a}, director general of {} Works, said Belarus is ready.",
                name(&mut rng)
            ),
            _ => format!(
                "Belarus attracted ${}.{} million in direct investments from Azerbaijan, {b} said.",
                rng.below(100),
                rng.below(10)
            ),
        };
        out.push_str(&s);
        out.push(if rng.below(8) == 0 { '\n' } else { ' ' });
    }
    out
}

/// Output bytes for `text` and for the text twice as long; asserts valid
/// N-Triples for both and at most ~2.5x the output for twice the input.
fn assert_linear(name: &str, half: &str, full: &str) {
    let small = extract(half, &format!("{name}-half"));
    let large = extract(full, &format!("{name}-full"));
    assert_ntriples(&small);
    assert_ntriples(&large);
    let ratio = large.len() as f64 / small.len().max(1) as f64;
    let input_ratio = full.len() as f64 / half.len() as f64;
    assert!(
        (1.8..=2.2).contains(&input_ratio),
        "inputs should double: {input_ratio}"
    );
    assert!(
        ratio <= 2.5,
        "{name}: output grew {ratio:.2}x ({} -> {} bytes) for {input_ratio:.2}x the input",
        small.len(),
        large.len()
    );
}

#[test]
fn a_megabyte_of_repeated_sentences() {
    let base = "Azerbaijan and Belarus signed an agreement on cooperation. Trade turnover between Russia and Azerbaijan reached $2.5 billion in 2018. Vladimir Putin met with Ilham Aliyev in Baku. Товарооборот между Белоруссией и Азербайджаном достиг 216 млн долларов. Vitaly Vovk, director general of Minsk Tractor Works, said. ";
    let copies = 1_000_000 / base.len() + 1;
    let full = base.repeat(copies);
    assert!(full.len() >= 1_000_000);
    let half = base.repeat(copies / 2);
    assert_linear("repeated", &half, &full);
}

#[test]
fn a_megabyte_of_varied_sentences() {
    let full = sentences(1_000_000, 9);
    let half = sentences(500_000, 9);
    assert!(full.starts_with(&half[..1000]), "same generator");
    assert_linear("varied", &half, &full);
    let out = extract(&full, "varied-check");
    assert!(out.contains("signedAgreementWith") && out.contains("officialOf"));
}

#[test]
fn one_very_long_sentence() {
    // No full stop at all: a single sentence of names and numbers.
    let half = numbers_and_names(20_000, 5).replace(['.', '!', '?'], " ");
    let full = numbers_and_names(40_000, 5).replace(['.', '!', '?'], " ");
    assert_linear("long-sentence", &half, &full);
}

#[test]
fn a_megabyte_of_one_line_without_spaces() {
    let half = "Azerbaijan,Belarus,$5billion,".repeat(17_000);
    let full = half.repeat(2);
    assert!(full.len() >= 900_000);
    assert_linear("no-spaces", &half, &full);
}
