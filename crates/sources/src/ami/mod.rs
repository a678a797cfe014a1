//! Asterisk Manager Interface: framing ([`frame`]), calls in progress
//! ([`calls`]) and the TCP client ([`client`]).

pub mod calls;
pub mod client;
pub mod frame;

pub use calls::AmiCalls;
pub use client::{run, AmiConfig};
