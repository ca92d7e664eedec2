//! The registry's integration tests: one binary, every test drives the real server.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod helpers;

mod aggregates;
mod anonymity;
mod api;
mod bad_input;
mod bench;
mod browser;
mod moderation;
mod open_data;
mod pages;
mod search;
mod submit_flow;
