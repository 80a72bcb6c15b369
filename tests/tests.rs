//! Integration tests, built as one binary (see Cargo.toml).

mod article;
mod artifact;
mod catalogue;
mod cli;
mod common;
mod models;
mod pipeline;
mod props;
