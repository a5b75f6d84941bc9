//! How inputs are read, for `extract` and `build`: the articles' language
//! and the largest article accepted. Only turns flags into values.

use crate::ingest::{Lang, DEFAULT_MAX_ARTICLE_BYTES};
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Auto,
    En,
    Ru,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Language of the articles
    #[arg(long, value_enum, default_value = "auto")]
    lang: LangArg,
    /// Largest article accepted, in bytes of text; a larger one is one error
    /// naming it, and the others are read
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_ARTICLE_BYTES, value_parser = clap::value_parser!(u64).range(1..))]
    max_article_bytes: u64,
}

impl ReadArgs {
    pub(super) fn lang(&self) -> Option<Lang> {
        match self.lang {
            LangArg::Auto => None,
            LangArg::En => Some(Lang::En),
            LangArg::Ru => Some(Lang::Ru),
        }
    }

    pub(super) fn max_article_bytes(&self) -> usize {
        usize::try_from(self.max_article_bytes).unwrap_or(usize::MAX)
    }
}
