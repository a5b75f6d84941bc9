//! Unit tests of the rule language: elements, gaps, word classes, errors.

use super::*;

#[test]
fn compiles_elements() {
    let Compiled {
        regex: r, anchors, ..
    } = compile("cooperation between {A} and {B}").unwrap();
    assert_eq!(
        anchors,
        vec![
            vec![" cooperation".to_string()],
            vec![" between".to_string()],
            vec![" and".to_string()]
        ]
    );
    assert!(r.is_match(" the cooperation between ⟦0:Org⟧ and ⟦1:Org⟧ , which ".as_bytes()));
    let Compiled { regex: r, .. } =
        compile("{A:Person} и {B:Person} (провели ~2 переговоры|встретились)").unwrap();
    assert!(r.is_match(" ⟦0:Person⟧ и ⟦1:Person⟧ провели двусторонние переговоры ".as_bytes()));
    assert!(r.is_match(" ⟦0:Person⟧ и ⟦1:Person⟧ провели переговоры ".as_bytes()));
    assert!(!r.is_match(" ⟦0:Person⟧ и ⟦1:Person⟧ провели три долгих дня переговоры ".as_bytes()));
    assert!(compile("(~2 talks)").is_err());
    let Compiled {
        regex: r, anchors, ..
    } = compile("{A+:Country} ~ (cooperat*|partner)").unwrap();
    assert_eq!(
        anchors,
        vec![vec![" cooperat".to_string(), " partner".to_string()]]
    );
    let c = r
        .captures(
            " ⟦0:Country⟧ , ⟦1:Country⟧ and ⟦2:Country⟧ expand their economic cooperation "
                .as_bytes(),
        )
        .unwrap();
    assert_eq!(
        c.name("A").unwrap().as_bytes(),
        "⟦0:Country⟧ , ⟦1:Country⟧ and ⟦2:Country⟧".as_bytes()
    );
    let Compiled { regex: r, .. } = compile("[the] (sign*|ink*) {B}").unwrap();
    assert!(r.is_match(" inked ⟦3:Org⟧ ".as_bytes()));
    let Compiled { regex: r, .. } = compile("{A:Country} 's {B:Org} signed").unwrap();
    let c = r
        .captures(" ⟦0:Country⟧'s ⟦1:Org⟧ signed ".as_bytes())
        .unwrap();
    assert_eq!(c.name("A").unwrap().as_bytes(), "⟦0:Country⟧".as_bytes());
    // A possessor is not the slot itself.
    let Compiled { regex: r, .. } = compile("{A} and {B} signed").unwrap();
    let c = r
        .captures(" ⟦0:Org⟧ and ⟦1:Country⟧'s ⟦2:Org⟧ signed ".as_bytes())
        .unwrap();
    assert_eq!(
        c.name("B").unwrap().as_bytes(),
        "⟦1:Country⟧'s ⟦2:Org⟧".as_bytes()
    );
    let Compiled { regex: r, .. } = compile("(was|has been) signed").unwrap();
    assert!(r.is_match(" it has been signed ".as_bytes()));
    assert!(compile("(a|b").is_err());
    assert!(compile("{a}").is_err());
    assert!(compile("{A:Planet}").is_err());
}

#[test]
fn plain_word_gaps_take_words_of_any_script_but_not_names_or_punctuation() {
    let Compiled { regex: r, .. } = compile("{A:Person} ~w2 signed {B}").unwrap();
    for ok in [
        " ⟦0:Person⟧ today signed ⟦1:Org⟧ ",
        " ⟦0:Person⟧ ещё signed ⟦1:Org⟧ ",
        " ⟦0:Person⟧ déjà vu signed ⟦1:Org⟧ ",
        " ⟦0:Person⟧ 2024 e-mail signed ⟦1:Org⟧ ",
    ] {
        assert!(r.is_match(ok.as_bytes()), "{ok}");
    }
    for no in [
        " ⟦0:Person⟧ in ⟦2:Country⟧ signed ⟦1:Org⟧ ",
        " ⟦0:Person⟧ , signed ⟦1:Org⟧ ",
        " ⟦0:Person⟧ « signed ⟦1:Org⟧ ",
        " ⟦0:Person⟧ one two three signed ⟦1:Org⟧ ",
    ] {
        assert!(!r.is_match(no.as_bytes()), "{no}");
    }
    let Compiled { regex: r, .. } = compile("{A} ~2 подписал* {B}").unwrap();
    assert!(r.is_match(" ⟦0:Org⟧ , « подписали ⟦1:Org⟧ ".as_bytes()));
}

#[test]
fn word_classes_expand_alone_optional_and_inside_alternations() {
    let rules = RuleSet::parse(
        "@document = agreement*|mou\n\
         @paper = @document|minutes\n\
         signedAgreementWith(A, B) <- {A} and {B} signed [the] @paper\n\
         signedAgreementWith(A, B) <- {A} and {B} (inked|@document) [@paper]",
    )
    .unwrap();
    assert_eq!(rules.len(), 2);
    let first = rules.rules[0].regex.as_str();
    assert!(
        first.contains("mou") && first.contains("minutes"),
        "{first}"
    );
    let e = RuleSet::parse("partnersWith(A, B) <- {A} x @nothing {B}").unwrap_err();
    assert!(e.message.contains("@nothing"), "{}", e.message);
    assert!(RuleSet::parse("@Bad = x").is_err());
    assert!(RuleSet::parse("@empty = a||b").is_err());
}

#[test]
fn heads_and_errors() {
    assert!(RuleSet::parse(
        "partnersWith(A, B) <- {A} partners with {B}\nunless partnersWith <- not"
    )
    .is_ok());
    let e = RuleSet::parse("\nfoo(A, B) <- {A} x {B}").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(RuleSet::parse("partnersWith(A, C) <- {A} x {B}").is_err());
}
