//! mtqc: a machine-translation quality checker. Rule kinds live in [`checks`], rule instances
//! in TOML packs ([`rules`]); the [`engine`] runs them over analysed text ([`text`]) read from
//! [`input`]; [`findings`] places what they find, [`score`] and [`gate`] judge it, a
//! [`checker`] assembles the pipeline and a [`report`] renders it. `docs/architecture.md`
//! draws the layers.

pub mod app;
pub mod baseline;
pub mod checker;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diff;
pub mod dropper;
pub mod engine;
pub mod error;
pub mod examples;
pub mod fields;
pub mod findings;
pub mod gate;
pub mod glossary;
pub mod hash;
pub mod input;
pub mod lang;
pub mod large;
pub mod lexicon;
pub mod measure;
pub mod output;
pub mod paths;
pub mod report;
pub mod rules;
pub mod score;
pub mod settings;
pub mod stream;
pub mod template;
pub mod text;
pub mod vocab;
