// Tests for journey_funnel: the [100, 40, 10, 5, 2] example, empty stages, distinct customers, median times.
#include <catch2/catch.hpp>

#include "metrics/journey_funnel.hpp"

using namespace opinia::metrics;
using opinia::store::journey_event_record;

TEST_CASE("metrics.md: [100, 40, 10, 5, 2] converts —, 40 %, 25 %, 50 %, 40 %", "[journey]") {
    const auto f = journey_from_counts({100, 40, 10, 5, 2});
    CHECK_FALSE(f.step_conversion(0));
    const std::vector<double> step{0.40, 0.25, 0.50, 0.40};
    const std::vector<double> overall{1.0, 0.40, 0.10, 0.05, 0.02};
    for (std::size_t i = 1; i < 5; ++i) CHECK(*f.step_conversion(i) == Approx(step[i - 1]));
    for (std::size_t i = 0; i < 5; ++i) CHECK(*f.overall_conversion(i) == Approx(overall[i]));
}

TEST_CASE("A 0 denominator is null (n/a), never 100 %", "[journey]") {
    struct example {
        const char* name;
        std::array<std::int64_t, 5> counts;
        std::array<bool, 5> step_is_null;
    };
    const std::vector<example> examples{
        {"empty middle stages", {10, 0, 0, 3, 1}, {true, false, true, true, false}},
        {"nobody at all", {0, 0, 0, 0, 0}, {true, true, true, true, true}},
        {"empty first stage", {0, 5, 2, 0, 0}, {true, true, false, false, true}},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            const auto f = journey_from_counts(e.counts);
            for (std::size_t i = 0; i < 5; ++i) CHECK(!f.step_conversion(i).has_value() == e.step_is_null[i]);
            CHECK(f.overall_conversion(0).has_value() == (e.counts[0] != 0));
            nlohmann::json j = f;
            if (e.counts[0] == 0) CHECK(j["stages"][4]["overall_conversion"].is_null());
        }
    }
}

TEST_CASE("Customers are counted once per stage, with the median time from first to first event", "[journey]") {
    constexpr std::int64_t hour = 3'600'000;
    const std::vector<journey_event_record> events{
        {"a", "awareness", "ad", 0},          {"a", "awareness", "site", 5 * hour},  // repeat: counted once
        {"a", "consideration", "site", 2 * hour},
        {"b", "awareness", "ad", 0},          {"b", "consideration", "mail", 4 * hour},
        {"c", "awareness", "ad", 10 * hour},  {"c", "consideration", "site", 20 * hour},
        {"c", "decision", "shop", 21 * hour},
        {"d", "decision", "shop", 0},         // a joiner straight at decision
        {"e", "advocacy", "review", 0},       {"x", "unknown-stage", "", 0},
    };
    const auto f = build_journey(events);
    CHECK(f.customers == std::array<std::int64_t, 5>{3, 3, 2, 0, 1});
    // awareness → consideration: a 2 h, b 4 h, c 10 h → median 4 h.
    CHECK(f.timed_customers[0] == 3);
    CHECK(*f.median_ms[0] == Approx(4.0 * hour));
    CHECK(f.timed_customers[1] == 1);
    CHECK(*f.median_ms[1] == Approx(1.0 * hour));
    CHECK_FALSE(f.median_ms[2]);  // nobody at retention
    CHECK_FALSE(f.step_conversion(4));  // 0 at retention: advocacy's step is n/a
    CHECK(*f.step_conversion(2) == Approx(2.0 / 3.0));
    CHECK(journey_stage_index("retention") == 3u);
    CHECK_FALSE(journey_stage_index("Retention"));
}

TEST_CASE("An even number of customers takes the mean of the two middle times", "[journey]") {
    const std::vector<journey_event_record> events{
        {"a", "awareness", "", 0}, {"a", "consideration", "", 1000},
        {"b", "awareness", "", 0}, {"b", "consideration", "", 3000},
    };
    CHECK(*build_journey(events).median_ms[0] == Approx(2000.0));
}
