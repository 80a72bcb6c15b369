//! Input and output: reading corpora, saving and loading model files.

pub mod artifact;
pub mod corpus;
pub mod reader;

pub use reader::{read_all, InputFormat, Labels, ReadOptions, Record, RecordReader};
