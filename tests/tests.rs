//! Integration tests, built as one binary (see Cargo.toml).

mod artifact;
mod cli;
mod common;
mod pipeline;
