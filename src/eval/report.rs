//! Self-contained HTML evaluation report (being written).
