//! FreeSWITCH Event Socket: framing ([`frame`]), calls in progress
//! ([`calls`]) and the inbound-socket client ([`client`]).

pub mod calls;
pub mod client;
pub mod frame;

pub use calls::EslCalls;
pub use client::{run, EslConfig};
