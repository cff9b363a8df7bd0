//! Great-circle distance, the nearest service station and the on-site rule
//! of manual §5.2, on the demo stations (stations.json) and the policy's
//! 40 km / 24 h.

use chrono::DateTime;
use portal_core::geo::{
    assess_onsite, city_by_id, distance_km, nearest_station, CoordinateError, LatLon,
    OnsiteArrival, CITIES, EARTH_RADIUS_KM,
};
use portal_core::model::{OnsiteRule, ServiceStation};
use portal_core::parse_json;

fn stations() -> Vec<ServiceStation> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/api/stations.json"
    ))
    .expect("demo stations.json");
    parse_json("stations.json", &text).expect("demo stations parse")
}

const RULE: OnsiteRule = OnsiteRule {
    radius_km: 40,
    arrival_hours: 24,
};

fn at(lat: f64, lon: f64) -> LatLon {
    LatLon::new(lat, lon).unwrap()
}

fn close(actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{actual} is not within {tolerance} of {expected}"
    );
}

#[test]
fn one_degree_along_the_equator_is_r_times_pi_over_180() {
    // 6371.0088 × π / 180 = 111.19508 km; a quarter meridian (× π / 2)
    // 10,007.557 km; half the equator (× π) 20,015.114 km.
    close(distance_km(at(0.0, 0.0), at(0.0, 1.0)), 111.195_08, 1e-4);
    close(distance_km(at(0.0, 0.0), at(90.0, 0.0)), 10_007.557, 1e-3);
    close(distance_km(at(0.0, 0.0), at(0.0, 180.0)), 20_015.114, 1e-3);
    assert_eq!(EARTH_RADIUS_KM, 6371.0088);
}

#[test]
fn distance_is_symmetric_and_zero_at_the_same_point() {
    let (gz, sz) = (at(23.1291, 113.2644), at(22.5431, 114.0579));
    assert_eq!(distance_km(gz, gz), 0.0);
    close(distance_km(gz, sz), distance_km(sz, gz), 1e-9);
}

#[test]
fn guangzhou_to_shenzhen_is_about_104_km() {
    let gz = city_by_id("guangzhou").unwrap().position();
    let sz = city_by_id("shenzhen").unwrap().position();
    let d = distance_km(gz, sz);
    assert!((100.0..110.0).contains(&d), "{d}");
    // Beijing–Shanghai, city centres: about 1,068 km.
    let bj = city_by_id("beijing").unwrap().position();
    let sh = city_by_id("shanghai").unwrap().position();
    close(distance_km(bj, sh), 1068.0, 5.0);
}

#[test]
fn a_site_10_km_north_of_the_guangzhou_station_is_within_40_km() {
    // 10 km is 10 / 111.195 = 0.08993° of latitude.
    let site = at(23.1258 + 10.0 / 111.195_08, 113.3796);
    let stations = stations();
    let a = assess_onsite(&stations, site, &RULE).unwrap();
    assert_eq!(a.station.id, "gz");
    close(a.distance_km, 10.0, 1e-3);
    assert!(a.within_radius);
    assert_eq!(a.arrival, OnsiteArrival::WithinHours(24));
    assert_eq!(a.arrival.name(), "arrive_within_24h");
    let agreed = DateTime::parse_from_rfc3339("2026-09-30T16:00:00+08:00").unwrap();
    // Wall-clock hours: the National Day holiday does not stop the clock.
    assert_eq!(
        a.arrival_by(&agreed).unwrap().to_rfc3339(),
        "2026-10-01T16:00:00+08:00"
    );
}

#[test]
fn exactly_40_km_is_within_and_a_little_more_is_not() {
    let stations = stations();
    let north = |km: f64| at(23.1258 + km / 111.195_08, 113.3796);
    assert!(
        assess_onsite(&stations, north(39.999), &RULE)
            .unwrap()
            .within_radius
    );
    let beyond = assess_onsite(&stations, north(40.01), &RULE).unwrap();
    assert!(!beyond.within_radius);
    assert_eq!(beyond.arrival, OnsiteArrival::ByAgreement);
    assert_eq!(beyond.arrival.name(), "time_by_agreement");
    assert_eq!(
        beyond.arrival_by(&DateTime::parse_from_rfc3339("2026-12-01T09:00:00+08:00").unwrap()),
        None
    );
}

#[test]
fn a_site_in_foshan_is_served_from_guangzhou_and_urumqi_is_by_agreement() {
    let stations = stations();
    let foshan = assess_onsite(&stations, city_by_id("foshan").unwrap().position(), &RULE).unwrap();
    assert_eq!(foshan.station.id, "gz");
    assert!(foshan.within_radius, "{}", foshan.distance_km);
    let urumqi = assess_onsite(&stations, city_by_id("urumqi").unwrap().position(), &RULE).unwrap();
    // The nearest station to Ürümqi is Chengdu's, some 2,070 km away
    // (Xi'an's is 2,115 km).
    assert_eq!(urumqi.station.id, "cd");
    assert!(urumqi.distance_km > 2000.0, "{}", urumqi.distance_km);
    assert_eq!(urumqi.arrival, OnsiteArrival::ByAgreement);
    // Hong Kong is nearer the Shenzhen station than Guangzhou's.
    let hk = nearest_station(&stations, city_by_id("hongkong").unwrap().position()).unwrap();
    assert_eq!(hk.0.id, "sz");
}

#[test]
fn the_policy_radius_and_hours_are_the_rule_not_constants() {
    let stations = stations();
    let site = at(23.1258 + 50.0 / 111.195_08, 113.3796);
    let wider = OnsiteRule {
        radius_km: 60,
        arrival_hours: 48,
    };
    let a = assess_onsite(&stations, site, &wider).unwrap();
    assert!(a.within_radius);
    assert_eq!(a.arrival.name(), "arrive_within_48h");
    assert!(assess_onsite(&[], site, &RULE).is_none());
}

#[test]
fn every_station_city_is_in_the_city_list_within_a_few_km_of_its_station() {
    let stations = stations();
    for s in &stations {
        let near = CITIES
            .iter()
            .map(|c| (c, distance_km(c.position(), LatLon::of_station(s))))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        assert!(
            s.city.zh.starts_with(near.0.zh),
            "station {} ({}): nearest city is {}",
            s.id,
            s.city.zh,
            near.0.zh
        );
        assert!(near.1 < 40.0, "station {}: {} km", s.id, near.1);
    }
}

#[test]
fn the_city_list_has_unique_ids_valid_coordinates_and_several_far_cities() {
    let stations = stations();
    let mut ids: Vec<&str> = CITIES.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), CITIES.len(), "unique ids");
    for c in CITIES {
        assert!(LatLon::new(c.lat, c.lon).is_ok(), "{}", c.id);
        assert!(!c.zh.is_empty() && !c.en.is_empty());
        assert_eq!(c.name(false), c.zh);
        assert_eq!(c.name(true), c.en);
    }
    let far = CITIES
        .iter()
        .filter(|c| {
            !assess_onsite(&stations, c.position(), &RULE)
                .unwrap()
                .within_radius
        })
        .count();
    assert!(far >= 10, "only {far} cities beyond 40 km");
}

#[test]
fn coordinates_are_read_as_typed_and_refused_with_the_reason() {
    assert_eq!(
        LatLon::parse("23.1258, 113.3796"),
        Ok(at(23.1258, 113.3796))
    );
    assert_eq!(
        LatLon::parse(" 23.1258，113.3796 "),
        Ok(at(23.1258, 113.3796))
    );
    assert_eq!(LatLon::parse("-33.8 151.2"), Ok(at(-33.8, 151.2)));
    assert_eq!(
        LatLon::parse("91, 113"),
        Err(CoordinateError::Latitude("91".into()))
    );
    assert_eq!(
        LatLon::parse("23, 181"),
        Err(CoordinateError::Longitude("181".into()))
    );
    assert!(matches!(
        LatLon::parse("23.1"),
        Err(CoordinateError::Malformed(_))
    ));
    assert!(matches!(
        LatLon::parse("1, 2, 3"),
        Err(CoordinateError::Malformed(_))
    ));
    for bad in ["NaN", "inf", "1e2", "", "-", ".", "1.2.3", "二十三", "0x17"] {
        assert!(LatLon::parse_latitude(bad).is_err(), "{bad:?}");
    }
    assert!(LatLon::new(f64::NAN, 0.0).is_err());
    assert_eq!(
        CoordinateError::Latitude("91".into()).to_string(),
        "`91` is not a latitude: expected degrees from -90 to 90, such as 23.1258"
    );
}
