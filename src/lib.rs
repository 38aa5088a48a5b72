//! mtqc: a machine-translation quality checker. Rule kinds live in [`checks`], rule instances
//! in TOML packs ([`rules`]); [`engine`] runs them over analysed text ([`text`]) and scores the
//! result ([`score`]) into a [`report`].

pub mod app;
pub mod baseline;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diff;
pub mod engine;
pub mod error;
pub mod input;
pub mod output;
pub mod report;
pub mod rules;
pub mod score;
pub mod stream;
pub mod text;
