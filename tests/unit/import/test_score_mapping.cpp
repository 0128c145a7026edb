// Tests for score_mapping and iso_timestamp: the small readers behind --score and --date.
#include <catch2/catch.hpp>

#include "import/import_error.hpp"
#include "import/iso_timestamp.hpp"
#include "import/score_mapping.hpp"

using namespace opinia::import;
using opinia::metrics::score_scale;

TEST_CASE("--score values", "[score_mapping]") {
    struct example {
        const char* spec;
        const char* type;
        const char* column;
        score_scale scale;
        int good_from;
    };
    const std::vector<example> examples{
        {"nps=nps", "nps", "nps", {0, 10}, 9},
        {"csat=satisfaction:1-10", "csat", "satisfaction", {1, 10}, 8},
        {"csat=satisfaction", "csat", "satisfaction", {1, 5}, 4},
        {"ces=effort:1-7", "ces", "effort", {1, 7}, 5},
        {"ces=effort:1-5", "ces", "effort", {1, 5}, 4},
        {"nps=Q1: recommend:0-10", "nps", "Q1: recommend", {0, 10}, 9},
    };
    for (const auto& e : examples) {
        SECTION(e.spec) {
            const auto m = parse_score_mapping(e.spec);
            CHECK(m.question_type == e.type);
            CHECK(m.column == e.column);
            CHECK(m.scale == e.scale);
            CHECK(m.good_from == e.good_from);
        }
    }
}

TEST_CASE("--score values that are refused", "[score_mapping][H03]") {
    for (const char* spec : {"nps", "=col", "rating=col", "nps=", "nps=col:1-4", "nps=col:1-10", "csat=col:1-7",
                             "csat=col:x", "csat=col:5-1"}) {
        CAPTURE(spec);
        CHECK_THROWS_AS(parse_score_mapping(spec), import_error);
    }
}

TEST_CASE("ISO 8601 dates and times", "[iso_timestamp]") {
    struct example {
        const char* text;
        std::int64_t ms;
    };
    const std::vector<example> examples{
        {"1970-01-01", 0},
        {"2026-03-01", 1772323200000},
        {"2026-03-01T23:30:00Z", 1772407800000},
        {"2026-03-01T23:30Z", 1772407800000},
        {"2026-03-01 23:30:00", 1772407800000},
        {"2026-03-02T00:30:00+01:00", 1772407800000},
        {"2026-03-02T00:30:00+0100", 1772407800000},
        {"2026-03-01T18:30:00-05", 1772407800000},
        {"2026-03-01T23:30:00.250Z", 1772407800250},
        {"2024-02-29", 1709164800000},
    };
    for (const auto& e : examples) {
        SECTION(e.text) { CHECK(parse_iso_timestamp_ms(e.text) == e.ms); }
    }
    for (const char* bad : {"", "2026-02-30", "2025-02-29", "2026-13-01", "01/03/2026", "2026-03-01T24:00",
                            "2026-03-01T23:30:00+", "2026-03-01X", "2026-3-1", "2026-03-01T23:30:00 UTC"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_iso_timestamp_ms(bad));
    }
}
