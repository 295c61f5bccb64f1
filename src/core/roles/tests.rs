//! The role catalogue's rules.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]
use super::*;
use std::collections::BTreeMap;

#[test]
fn every_professional_role_has_a_spec_with_a_money_price_field() {
    assert_eq!(ROLE_SPECS.len(), PROFESSIONAL_ROLES.len());
    for r in PROFESSIONAL_ROLES {
        let spec = role_spec(r.key).unwrap();
        assert_eq!(spec.label, r.label);
        assert_eq!(spec.table, format!("{}_profiles", r.key));
        let price = spec.field(spec.price_field).unwrap();
        assert!(matches!(price.kind, FieldKind::Money { .. }), "{}", r.key);
        assert!(spec.facets().count() >= 1);
        let mut keys: Vec<_> = spec.fields.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), spec.fields.len(), "{}", r.key);
    }
}

fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

#[test]
fn parses_a_photographer_form_with_rupees_to_paise() {
    let spec = role_spec("photographer").unwrap();
    let fields = parse_fields(
        spec,
        &raw(&[
            ("specialties", "Wedding,  candid , wedding"),
            ("studio_available", "on"),
            ("travel_radius_km", "50"),
            ("starting_price_inr", "15,000"),
        ]),
    )
    .unwrap();
    assert_eq!(
        fields["specialties"],
        FieldValue::Tags(vec!["Wedding".into(), "candid".into()])
    );
    assert_eq!(fields["studio_available"], FieldValue::Flag(true));
    assert_eq!(fields["outdoor_shoots"], FieldValue::Flag(false));
    assert_eq!(
        fields["starting_price_inr"],
        FieldValue::Money(Some(1_500_000))
    );
    assert_eq!(fields["starting_price_inr"].to_form(), "15000");
    assert_eq!(
        facet_tokens(spec, &fields),
        vec![
            "specialties:wedding",
            "specialties:candid",
            "studio_available:true"
        ]
    );
}

#[test]
fn reports_every_bad_field_at_once() {
    let spec = role_spec("catering_service").unwrap();
    let err = parse_fields(
        spec,
        &raw(&[
            ("business_name", "Call 98765 43210"),
            ("cuisine_types", ""),
            ("min_guests", "500"),
            ("max_guests", "50"),
            ("price_per_head_inr", "-5"),
            ("sneaky", "x"),
        ]),
    )
    .unwrap_err()
    .into_result()
    .unwrap_err();
    for key in [
        "business_name",
        "cuisine_types",
        "max_guests",
        "price_per_head_inr",
        "sneaky",
    ] {
        assert!(err.fields.contains_key(key), "{key}: {:?}", err.fields);
    }
    assert!(err.fields["business_name"].contains("phone number"));
}

#[test]
fn choices_numbers_and_tags_are_bounded() {
    let spec = role_spec("developer").unwrap();
    let f = spec.field("availability").unwrap();
    assert!(parse_field(f, "SOMETIMES").is_err());
    assert_eq!(
        parse_field(f, "").unwrap(),
        FieldValue::Choice("FREELANCE".into())
    );
    let years = spec.field("experience_years").unwrap();
    assert!(parse_field(years, "").is_err());
    assert!(parse_field(years, "61").is_err());
    assert!(parse_field(years, "2.5").is_err());
    assert!(parse_tags("a", 5).is_err());
    assert!(parse_tags("Rust, <script>", 5).is_err());
    assert!(parse_tags("a1,b2,c3", 2).is_err());
    assert!(parse_tags("see x.com", 2).is_err());
}

#[test]
fn cities_are_canonical() {
    assert_eq!(parse_city(" pune ").unwrap(), "Pune");
    assert_eq!(parse_city("navi  mumbai").unwrap(), "Navi Mumbai");
    assert!(parse_city("Atlantis").is_err());
    assert!(parse_city("").is_err());
}
