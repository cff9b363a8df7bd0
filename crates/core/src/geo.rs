//! Where a customer's site is, which service station (驻点) is nearest, and
//! what manual §5.2 promises there: within the policy's radius (40 km) an
//! engineer arrives within its arrival time (24 hours) of the agreed time;
//! farther away the time is agreed case by case.
//!
//! Distance is great-circle distance on a sphere of the mean Earth radius
//! ([`EARTH_RADIUS_KM`], IUGG R₁) by the haversine formula, which stays
//! exact for short distances. Against the ellipsoid it errs by under
//! 0.5 %, about 200 m at 40 km: far less than the uncertainty of "a site in
//! this city". The radius test is inclusive (`distance <= radius`), made in
//! one place, [`OnsiteArrival::under`], which
//! [`crate::sla::SlaEngine::onsite_arrival`] uses too.
//!
//! The admin gives the site as coordinates, or as a city from [`CITIES`]
//! (its centre), which covers every station's city, their neighbours and
//! the provincial capitals far from any station.

use crate::model::{OnsiteRule, ServiceStation};
use chrono::{DateTime, FixedOffset};
use std::fmt;

/// The mean Earth radius (IUGG R₁), in km.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A point on the Earth, in decimal degrees (WGS 84, as maps show them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// Coordinates that are not a point on the Earth.
#[derive(Debug, Clone, PartialEq)]
pub enum CoordinateError {
    /// Not a number, or outside -90…90.
    Latitude(String),
    /// Not a number, or outside -180…180.
    Longitude(String),
    /// Not two numbers separated by a comma or white space.
    Malformed(String),
}

impl fmt::Display for CoordinateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CoordinateError::Latitude(s) => {
                write!(f, "`{s}` is not a latitude: expected degrees from -90 to 90, such as 23.1258")
            }
            CoordinateError::Longitude(s) => write!(
                f,
                "`{s}` is not a longitude: expected degrees from -180 to 180, such as 113.3796"
            ),
            CoordinateError::Malformed(s) => write!(
                f,
                "`{s}` is not a pair of coordinates: expected latitude, longitude such as 23.1258, 113.3796"
            ),
        }
    }
}

impl std::error::Error for CoordinateError {}

impl LatLon {
    /// A point, if `lat` is within -90…90 and `lon` within -180…180.
    pub fn new(lat: f64, lon: f64) -> Result<LatLon, CoordinateError> {
        if !(-90.0..=90.0).contains(&lat) {
            return Err(CoordinateError::Latitude(lat.to_string()));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(CoordinateError::Longitude(lon.to_string()));
        }
        Ok(LatLon { lat, lon })
    }

    /// A latitude as typed: a decimal number of degrees within -90…90.
    pub fn parse_latitude(s: &str) -> Result<f64, CoordinateError> {
        parse_degrees(s)
            .filter(|v| (-90.0..=90.0).contains(v))
            .ok_or_else(|| CoordinateError::Latitude(s.trim().to_owned()))
    }

    /// A longitude as typed: a decimal number of degrees within -180…180.
    pub fn parse_longitude(s: &str) -> Result<f64, CoordinateError> {
        parse_degrees(s)
            .filter(|v| (-180.0..=180.0).contains(v))
            .ok_or_else(|| CoordinateError::Longitude(s.trim().to_owned()))
    }

    /// `lat, lon` as copied from a map: two numbers separated by a comma
    /// (also the full-width `，`) or white space.
    pub fn parse(s: &str) -> Result<LatLon, CoordinateError> {
        let parts: Vec<&str> = s
            .split(|c: char| c == ',' || c == '，' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let [lat, lon] = parts[..] else {
            return Err(CoordinateError::Malformed(s.trim().to_owned()));
        };
        Ok(LatLon {
            lat: LatLon::parse_latitude(lat)?,
            lon: LatLon::parse_longitude(lon)?,
        })
    }

    pub fn of_station(station: &ServiceStation) -> LatLon {
        LatLon {
            lat: station.lat,
            lon: station.lon,
        }
    }
}

/// A decimal number as a person types it: digits, one point, a sign;
/// no exponent, no `inf` or `NaN` (which `f64::from_str` would take).
fn parse_degrees(s: &str) -> Option<f64> {
    let s = s.trim();
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let shaped = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit());
    shaped.then(|| s.parse().ok()).flatten()
}

/// Great-circle distance in km (haversine, [`EARTH_RADIUS_KM`]).
pub fn distance_km(a: LatLon, b: LatLon) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let d_phi = (b.lat - a.lat).to_radians();
    let d_lambda = (b.lon - a.lon).to_radians();
    let h = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    // Rounding can push h a hair past 1 for antipodal points.
    2.0 * EARTH_RADIUS_KM * h.clamp(0.0, 1.0).sqrt().asin()
}

/// The station nearest to `site` and its distance in km; the first listed
/// on a tie; `None` when there are no stations.
pub fn nearest_station(
    stations: &[ServiceStation],
    site: LatLon,
) -> Option<(&ServiceStation, f64)> {
    stations
        .iter()
        .map(|s| (s, distance_km(site, LatLon::of_station(s))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// What manual §5.2 promises for a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnsiteArrival {
    /// Within the radius: an engineer arrives within this many hours of the
    /// agreed time.
    WithinHours(u32),
    /// Beyond it: the time is agreed case by case.
    ByAgreement,
}

impl OnsiteArrival {
    /// The rule for a site this far from its nearest station: the one place
    /// the radius test is made (inclusive: `distance <= radius`).
    pub fn under(rule: &OnsiteRule, distance_km: f64) -> Self {
        if distance_km <= f64::from(rule.radius_km) {
            OnsiteArrival::WithinHours(rule.arrival_hours)
        } else {
            OnsiteArrival::ByAgreement
        }
    }

    /// When the engineer is on site at the latest for an agreed time:
    /// wall-clock hours later (a night or a holiday counts); `None` when the
    /// time is by agreement.
    pub fn latest(self, agreed: &DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        match self {
            OnsiteArrival::WithinHours(h) => Some(*agreed + chrono::Duration::hours(i64::from(h))),
            OnsiteArrival::ByAgreement => None,
        }
    }

    /// The machine-readable name `portal onsite` prints: `arrive_within_24h`
    /// (the hours are the policy's), or `time_by_agreement`.
    pub fn name(self) -> String {
        match self {
            OnsiteArrival::WithinHours(h) => format!("arrive_within_{h}h"),
            OnsiteArrival::ByAgreement => "time_by_agreement".to_owned(),
        }
    }
}

/// The nearest station to a site, and the §5.2 rule there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OnsiteAssessment<'a> {
    pub station: &'a ServiceStation,
    /// Great-circle distance, unrounded: the radius test uses this.
    pub distance_km: f64,
    pub within_radius: bool,
    pub arrival: OnsiteArrival,
}

impl OnsiteAssessment<'_> {
    /// When the engineer is on site at the latest for an agreed time:
    /// wall-clock hours later (a night or a holiday counts); `None` beyond
    /// the radius.
    pub fn arrival_by(&self, agreed: &DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        self.arrival.latest(agreed)
    }
}

/// The on-site rule for a site under the policy's `onsite` rule; `None`
/// when there are no stations.
pub fn assess_onsite<'a>(
    stations: &'a [ServiceStation],
    site: LatLon,
    rule: &OnsiteRule,
) -> Option<OnsiteAssessment<'a>> {
    let (station, distance_km) = nearest_station(stations, site)?;
    let arrival = OnsiteArrival::under(rule, distance_km);
    Some(OnsiteAssessment {
        station,
        distance_km,
        within_radius: arrival != OnsiteArrival::ByAgreement,
        arrival,
    })
}

/// A city the admin can pick instead of typing coordinates: its centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct City {
    /// Stable slug (pinyin), e.g. `foshan`: a `<select>` value.
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub lat: f64,
    pub lon: f64,
}

impl City {
    pub fn position(&self) -> LatLon {
        LatLon {
            lat: self.lat,
            lon: self.lon,
        }
    }

    pub fn name(&self, english: bool) -> &'static str {
        if english {
            self.en
        } else {
            self.zh
        }
    }
}

const fn city(id: &'static str, zh: &'static str, en: &'static str, lat: f64, lon: f64) -> City {
    City {
        id,
        zh,
        en,
        lat,
        lon,
    }
}

/// Cities by region, north to south within each: the stations' cities
/// (广州 北京 上海 深圳 成都 武汉 杭州 西安) and their neighbours, then the
/// other provincial capitals and large cities. Centres are the city
/// government's seat, to four decimals (about 10 m).
pub const CITIES: &[City] = &[
    // North
    city("beijing", "北京", "Beijing", 39.9042, 116.4074),
    city("tianjin", "天津", "Tianjin", 39.0842, 117.2010),
    city("shijiazhuang", "石家庄", "Shijiazhuang", 38.0428, 114.5149),
    city("taiyuan", "太原", "Taiyuan", 37.8706, 112.5489),
    city("hohhot", "呼和浩特", "Hohhot", 40.8426, 111.7490),
    // North-east
    city("harbin", "哈尔滨", "Harbin", 45.8038, 126.5350),
    city("changchun", "长春", "Changchun", 43.8171, 125.3235),
    city("shenyang", "沈阳", "Shenyang", 41.8057, 123.4315),
    city("dalian", "大连", "Dalian", 38.9140, 121.6147),
    // East
    city("jinan", "济南", "Jinan", 36.6512, 117.1201),
    city("qingdao", "青岛", "Qingdao", 36.0671, 120.3826),
    city("nanjing", "南京", "Nanjing", 32.0603, 118.7969),
    city("hefei", "合肥", "Hefei", 31.8206, 117.2272),
    city("wuxi", "无锡", "Wuxi", 31.4912, 120.3119),
    city("suzhou", "苏州", "Suzhou", 31.2989, 120.5853),
    city("shanghai", "上海", "Shanghai", 31.2304, 121.4737),
    city("hangzhou", "杭州", "Hangzhou", 30.2741, 120.1551),
    city("shaoxing", "绍兴", "Shaoxing", 30.0303, 120.5802),
    city("ningbo", "宁波", "Ningbo", 29.8683, 121.5440),
    city("nanchang", "南昌", "Nanchang", 28.6820, 115.8579),
    city("fuzhou", "福州", "Fuzhou", 26.0745, 119.2965),
    city("xiamen", "厦门", "Xiamen", 24.4798, 118.0894),
    // Central
    city("zhengzhou", "郑州", "Zhengzhou", 34.7466, 113.6253),
    city("wuhan", "武汉", "Wuhan", 30.5928, 114.3055),
    city("changsha", "长沙", "Changsha", 28.2282, 112.9388),
    // South
    city("guangzhou", "广州", "Guangzhou", 23.1291, 113.2644),
    city("foshan", "佛山", "Foshan", 23.0215, 113.1214),
    city("dongguan", "东莞", "Dongguan", 23.0207, 113.7518),
    city("shenzhen", "深圳", "Shenzhen", 22.5431, 114.0579),
    city("hongkong", "香港", "Hong Kong", 22.3193, 114.1694),
    city("zhuhai", "珠海", "Zhuhai", 22.2710, 113.5767),
    city("macau", "澳门", "Macau", 22.1987, 113.5439),
    city("nanning", "南宁", "Nanning", 22.8170, 108.3665),
    city("haikou", "海口", "Haikou", 20.0440, 110.1999),
    // South-west
    city("chengdu", "成都", "Chengdu", 30.5728, 104.0668),
    city("chongqing", "重庆", "Chongqing", 29.5630, 106.5516),
    city("guiyang", "贵阳", "Guiyang", 26.6470, 106.6302),
    city("kunming", "昆明", "Kunming", 24.8801, 102.8329),
    city("lhasa", "拉萨", "Lhasa", 29.6520, 91.1721),
    // North-west
    city("xian", "西安", "Xi'an", 34.3416, 108.9398),
    city("lanzhou", "兰州", "Lanzhou", 36.0611, 103.8343),
    city("xining", "西宁", "Xining", 36.6171, 101.7782),
    city("yinchuan", "银川", "Yinchuan", 38.4872, 106.2309),
    city("urumqi", "乌鲁木齐", "Ürümqi", 43.8256, 87.6168),
];

/// A city of [`CITIES`] by its id.
pub fn city_by_id(id: &str) -> Option<&'static City> {
    CITIES.iter().find(|c| c.id == id)
}
