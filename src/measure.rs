//! Units of measure: what each measures and how one converts to another. Packs name units in
//! their words (`[lexicon.unit_names]`: `কেজি` = `kg`, `millas por hora` = `mph`), by the ids
//! of `Unit`'s serde names; the source-aware number rule compares the unit beside a number on
//! both sides of a unit (`5 kg` as `৫ গ্রাম`), and takes a number converted to the other side's
//! unit (`14 °F` as `−10 °C`, `6 feet` as `2 metres`) for the same number.

use serde::Deserialize;

/// What a unit measures: units of one measure convert into each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Length,
    Mass,
    Volume,
    Temperature,
    Area,
    Speed,
    Time,
}

/// A unit of measure, named in packs by its symbol (`kg`, `°c`, `km/h`, `day`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Unit {
    #[serde(rename = "µm")]
    Micrometre,
    #[serde(rename = "mm")]
    Millimetre,
    #[serde(rename = "cm")]
    Centimetre,
    #[serde(rename = "m")]
    Metre,
    #[serde(rename = "km")]
    Kilometre,
    #[serde(rename = "in")]
    Inch,
    #[serde(rename = "ft")]
    Foot,
    #[serde(rename = "yd")]
    Yard,
    #[serde(rename = "mi")]
    Mile,
    #[serde(rename = "µg")]
    Microgram,
    #[serde(rename = "mg")]
    Milligram,
    #[serde(rename = "g")]
    Gram,
    #[serde(rename = "kg")]
    Kilogram,
    #[serde(rename = "t")]
    Tonne,
    #[serde(rename = "lb")]
    Pound,
    #[serde(rename = "oz")]
    Ounce,
    #[serde(rename = "µl")]
    Microlitre,
    #[serde(rename = "ml")]
    Millilitre,
    #[serde(rename = "cl")]
    Centilitre,
    #[serde(rename = "dl")]
    Decilitre,
    #[serde(rename = "l")]
    Litre,
    #[serde(rename = "gal")]
    Gallon,
    #[serde(rename = "°c")]
    Celsius,
    #[serde(rename = "°f")]
    Fahrenheit,
    #[serde(rename = "k")]
    Kelvin,
    #[serde(rename = "m²")]
    SquareMetre,
    #[serde(rename = "km²")]
    SquareKilometre,
    #[serde(rename = "ha")]
    Hectare,
    #[serde(rename = "acre")]
    Acre,
    #[serde(rename = "sqft")]
    SquareFoot,
    #[serde(rename = "sqmi")]
    SquareMile,
    #[serde(rename = "km/h")]
    KilometrePerHour,
    #[serde(rename = "mph")]
    MilePerHour,
    #[serde(rename = "m/s")]
    MetrePerSecond,
    #[serde(rename = "knot")]
    Knot,
    #[serde(rename = "s")]
    Second,
    #[serde(rename = "min")]
    Minute,
    #[serde(rename = "h")]
    Hour,
    #[serde(rename = "day")]
    Day,
    #[serde(rename = "week")]
    Week,
    #[serde(rename = "month")]
    Month,
    #[serde(rename = "year")]
    Year,
}

impl Unit {
    /// The unit a symbol written in Latin letters or signs names (`kg`, `°C`, `℃`, `mcg`,
    /// `km/h`), as numbers are written in every script; `None` for any other.
    pub fn from_symbol(symbol: &str) -> Option<Unit> {
        use Unit::*;
        Some(match symbol {
            "µg" | "μg" | "mcg" => Microgram,
            "mg" => Milligram,
            "g" => Gram,
            "kg" => Kilogram,
            "µl" | "μl" | "µL" | "μL" => Microlitre,
            "ml" | "mL" => Millilitre,
            "cl" | "cL" => Centilitre,
            "dl" | "dL" => Decilitre,
            "l" | "L" => Litre,
            "µm" | "μm" => Micrometre,
            "mm" => Millimetre,
            "cm" => Centimetre,
            "m" => Metre,
            "km" => Kilometre,
            "°C" | "℃" => Celsius,
            "°F" | "℉" => Fahrenheit,
            // A kelvin is a capital; a small `k` is no unit.
            "K" => Kelvin,
            "km/h" | "kmph" | "kph" => KilometrePerHour,
            "mph" => MilePerHour,
            "m/s" => MetrePerSecond,
            "km²" => SquareKilometre,
            "m²" => SquareMetre,
            _ => return None,
        })
    }

    /// What the unit measures.
    pub fn measure(self) -> Measure {
        use Unit::*;
        match self {
            Micrometre | Millimetre | Centimetre | Metre | Kilometre | Inch | Foot | Yard
            | Mile => Measure::Length,
            Microgram | Milligram | Gram | Kilogram | Tonne | Pound | Ounce => Measure::Mass,
            Microlitre | Millilitre | Centilitre | Decilitre | Litre | Gallon => Measure::Volume,
            Celsius | Fahrenheit | Kelvin => Measure::Temperature,
            SquareMetre | SquareKilometre | Hectare | Acre | SquareFoot | SquareMile => {
                Measure::Area
            }
            KilometrePerHour | MilePerHour | MetrePerSecond | Knot => Measure::Speed,
            Second | Minute | Hour | Day | Week | Month | Year => Measure::Time,
        }
    }

    /// The unit's size in its measure's base unit (metre, gram, litre, square metre, km/h,
    /// second); temperatures convert by `convert`.
    fn factor(self) -> f64 {
        use Unit::*;
        match self {
            Micrometre => 1e-6,
            Millimetre => 1e-3,
            Centimetre => 1e-2,
            Metre => 1.0,
            Kilometre => 1e3,
            Inch => 0.0254,
            Foot => 0.3048,
            Yard => 0.9144,
            Mile => 1609.344,
            Microgram => 1e-6,
            Milligram => 1e-3,
            Gram => 1.0,
            Kilogram => 1e3,
            Tonne => 1e6,
            Pound => 453.592_37,
            Ounce => 28.349_523,
            Microlitre => 1e-6,
            Millilitre => 1e-3,
            Centilitre => 1e-2,
            Decilitre => 0.1,
            Litre => 1.0,
            Gallon => 3.785_411_8,
            Celsius | Fahrenheit | Kelvin => 1.0,
            SquareMetre => 1.0,
            SquareKilometre => 1e6,
            Hectare => 1e4,
            Acre => 4_046.856_4,
            SquareFoot => 0.092_903_04,
            SquareMile => 2_589_988.1,
            KilometrePerHour => 1.0,
            MilePerHour => 1.609_344,
            MetrePerSecond => 3.6,
            Knot => 1.852,
            Second => 1.0,
            Minute => 60.0,
            Hour => 3_600.0,
            Day => 86_400.0,
            Week => 604_800.0,
            Month => 2_629_746.0,
            Year => 31_556_952.0,
        }
    }

    /// `value` of this unit in `to`, where the two measure one thing.
    pub fn convert(self, value: f64, to: Unit) -> Option<f64> {
        use Unit::*;
        if self.measure() != to.measure() {
            return None;
        }
        if self.measure() == Measure::Temperature {
            let celsius = match self {
                Fahrenheit => (value - 32.0) * 5.0 / 9.0,
                Kelvin => value - 273.15,
                _ => value,
            };
            return Some(match to {
                Fahrenheit => celsius * 9.0 / 5.0 + 32.0,
                Kelvin => celsius + 273.15,
                _ => celsius,
            });
        }
        Some(value * self.factor() / to.factor())
    }
}

/// Whether `target` is `value` converted as a translator writes it: within 2%, or rounded to
/// the target's last written digit and within 10% (`6 feet` = 1.83 m as `2 metres`, `4,500
/// acres` = 1,821 ha as `1,800 hectares`; not `77 °F` = 25 °C as `20 °C`, nor `2 weeks` as `10
/// days`, where one digit would round anything).
pub fn converted(value: f64, target: f64) -> bool {
    let off = (value - target).abs();
    if off <= 0.02 * value.abs() {
        return true;
    }
    // The target's precision: its last non-zero digit's place.
    let whole = |x: f64| (x - x.round()).abs() < 1e-9 * x.abs().max(1.0);
    let mut step = 1.0;
    if target != 0.0 && whole(target) {
        while whole(target / (step * 10.0)) && step < 1e12 {
            step *= 10.0;
        }
    } else {
        while !whole(target / step) && step > 1e-6 {
            step /= 10.0;
        }
    }
    off <= step / 2.0 + 1e-9 && off <= 0.1 * value.abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_convert_within_their_measure_only() {
        let c = |v: f64, a: Unit, b: Unit| a.convert(v, b).map(|x| (x * 100.0).round() / 100.0);
        assert_eq!(c(14.0, Unit::Fahrenheit, Unit::Celsius), Some(-10.0));
        assert_eq!(c(100.0, Unit::Celsius, Unit::Fahrenheit), Some(212.0));
        assert_eq!(c(5.0, Unit::Mile, Unit::Kilometre), Some(8.05));
        assert_eq!(c(2.0, Unit::Week, Unit::Day), Some(14.0));
        assert_eq!(c(5.0, Unit::Kilogram, Unit::Kilometre), None);
    }

    #[test]
    fn a_conversion_may_be_rounded_to_the_targets_last_digit() {
        assert!(converted(1.8288, 2.0)); // 6 feet as 2 metres
        assert!(converted(1821.1, 1800.0)); // 4,500 acres as 1,800 hectares
        assert!(converted(22.22, 22.2));
        assert!(converted(-10.0, -10.0));
        assert!(!converted(8.05, 5.0));
        assert!(!converted(1.8288, 1.5));
        assert!(!converted(22.22, 25.0));
        // One digit rounds no more than a tenth off.
        assert!(!converted(25.0, 20.0)); // 77 °F as 20 °C
        assert!(!converted(14.0, 10.0)); // 2 weeks as 10 days
        assert!(!converted(64.37, 100.0)); // 40 miles as 100 km
        // A decimal's last digit, whatever the binary fraction (0.3 / 0.1 = 2.9999…).
        assert!(converted(0.2794, 0.3)); // 0.11 inches as 0.3 cm
    }

    #[test]
    fn packs_name_units_by_their_symbols() {
        #[derive(Deserialize)]
        struct Names {
            u: std::collections::BTreeMap<String, Unit>,
        }
        let n: Names = toml::from_str("u = { \"কেজি\" = \"kg\", \"км/ч\" = \"km/h\" }").unwrap();
        assert_eq!(n.u["কেজি"], Unit::Kilogram);
        assert_eq!(n.u["км/ч"], Unit::KilometrePerHour);
        assert!(toml::from_str::<Names>("u = { \"x\" = \"furlong\" }").is_err());
    }
}
