//! Customer, company and candidate profiles (one each per account).
pub mod pages;
