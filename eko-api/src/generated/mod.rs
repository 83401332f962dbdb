//! Generated modules.
