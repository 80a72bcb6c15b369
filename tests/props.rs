//! Property tests (filled in by the hardening work).
