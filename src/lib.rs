//! nwip placeholder
