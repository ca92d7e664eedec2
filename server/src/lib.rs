//! The registry: anonymous incident retrospectives, redacted before storage, published and
//! searchable. See DESIGN.md for the architecture; each module says what it is for.

pub mod aggregate;
pub mod app;
pub mod auth;
pub mod bench;
pub mod classify_eval;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod export;
pub mod guidance;
pub mod import;
pub mod maintenance;
pub mod markdown;
pub mod metrics;
pub mod receipt;
pub mod review;
pub mod search;
pub mod seed;
pub mod stack;
pub mod submission;
pub mod taxonomy;
pub mod util;
pub mod web;
