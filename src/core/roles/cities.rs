//! The cities a profile, lead or job can be listed in.

/// The cities a profile can be listed in (a fixed list keeps search facets clean).
pub const CITIES: &[&str] = &[
    "Agra",
    "Ahmedabad",
    "Amritsar",
    "Aurangabad",
    "Bengaluru",
    "Bhopal",
    "Bhubaneswar",
    "Chandigarh",
    "Chennai",
    "Coimbatore",
    "Dehradun",
    "Delhi",
    "Faridabad",
    "Ghaziabad",
    "Goa",
    "Gurugram",
    "Guwahati",
    "Hyderabad",
    "Indore",
    "Jaipur",
    "Jammu",
    "Jodhpur",
    "Kanpur",
    "Kochi",
    "Kolkata",
    "Kozhikode",
    "Lucknow",
    "Ludhiana",
    "Madurai",
    "Mangaluru",
    "Meerut",
    "Mumbai",
    "Mysuru",
    "Nagpur",
    "Nashik",
    "Navi Mumbai",
    "Noida",
    "Patna",
    "Puducherry",
    "Pune",
    "Raipur",
    "Rajkot",
    "Ranchi",
    "Shimla",
    "Srinagar",
    "Surat",
    "Thane",
    "Thiruvananthapuram",
    "Tiruchirappalli",
    "Udaipur",
    "Vadodara",
    "Varanasi",
    "Vijayawada",
    "Visakhapatnam",
];

/// The canonical spelling of a city typed in any case.
pub fn parse_city(input: &str) -> Result<String, String> {
    let wanted = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if wanted.is_empty() {
        return Err("Choose your city.".into());
    }
    CITIES
        .iter()
        .find(|c| c.eq_ignore_ascii_case(&wanted))
        .map(|c| (*c).to_string())
        .ok_or_else(|| "Choose a city from the list.".to_string())
}
