// Tests for churn_summary: the metrics.md example, joiners and leavers, empty cohorts, snapshot tallies.
#include <random>
#include <catch2/catch.hpp>

#include "metrics/churn_summary.hpp"

using namespace opinia::metrics;
using opinia::store::churn_count;

namespace {
constexpr std::int64_t day = 86'400'000;

// Builds a population: `count` customers joining at `from` and, if given, leaving at `left`.
void add(std::vector<customer_span>& into, int count, std::int64_t from, std::optional<std::int64_t> left = std::nullopt)
{
    for (int i = 0; i < count; ++i) into.push_back({from, left});
}
}  // namespace

TEST_CASE("metrics.md: S = 50, 4 leave; 10 join, 1 leaves; E = 55", "[churn]") {
    const std::int64_t a = 100 * day, b = 130 * day;
    std::vector<customer_span> c;
    add(c, 46, 10 * day);              // stay
    add(c, 4, 10 * day, a + 5 * day);  // leave inside the period
    add(c, 9, a + 3 * day);            // join and stay
    add(c, 1, a + 3 * day, a + 20 * day);
    add(c, 7, 1 * day, 50 * day);      // left before the period: not in S
    add(c, 5, b + day);                // join after: not in N
    const auto r = churn_of_period(c, a, b);
    CHECK(r.start_count == 50);
    CHECK(r.left == 4);
    CHECK(r.joined == 10);
    CHECK(r.joined_left == 1);
    CHECK(r.end_count == 55);
    CHECK(*r.churn_rate() == Approx(0.08));
    CHECK(*r.new_customer_churn() == Approx(0.10));
    CHECK(*r.net_change() == Approx(-0.10));
}

TEST_CASE("Churn edge cases", "[churn]") {
    const std::int64_t a = 100 * day, b = 200 * day;
    struct example {
        const char* name;
        std::vector<customer_span> customers;
        std::int64_t s, l, n, e;
    };
    const std::vector<example> examples{
        {"churned exactly at a: there at the start, left in the period", {{10 * day, a}}, 1, 1, 0, 0},
        {"churned exactly at b: in S and E, not in L (the period is [a, b))", {{10 * day, b}}, 1, 0, 0, 1},
        {"joined exactly at a is a new customer", {{a, std::nullopt}}, 0, 0, 1, 1},
        {"joined at b is not in the period", {{b, std::nullopt}}, 0, 0, 0, 0},
        {"no start date: left out", {{std::nullopt, 150 * day}}, 0, 0, 0, 0},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            const auto r = churn_of_period(e.customers, a, b);
            CHECK(r.start_count == e.s);
            CHECK(r.left == e.l);
            CHECK(r.joined == e.n);
            CHECK(r.end_count == e.e);
        }
    }
}

TEST_CASE("S = 0 gives null rates, never 0 or NaN; new customers never change the churn rate", "[churn]") {
    const std::int64_t a = 100 * day, b = 130 * day;
    std::vector<customer_span> only_new;
    add(only_new, 3, a + day, a + 2 * day);
    const auto r = churn_of_period(only_new, a, b);
    CHECK_FALSE(r.churn_rate());
    CHECK_FALSE(r.net_change());
    CHECK(*r.new_customer_churn() == Approx(1.0));
    nlohmann::json j = r;
    CHECK(j["churn_rate"].is_null());

    std::vector<customer_span> base;
    add(base, 20, day);
    add(base, 2, day, a + day);
    const auto before = *churn_of_period(base, a, b).churn_rate();
    add(base, 30, a + day);
    add(base, 10, a + day, a + 2 * day);
    CHECK(*churn_of_period(base, a, b).churn_rate() == Approx(before));
}

TEST_CASE("A churn rate is restated per month and per year for the benchmark bands", "[churn]") {
    std::vector<customer_span> c;
    add(c, 95, 0);
    add(c, 5, 0, 10 * day);
    const auto r = churn_of_period(c, day, 31 * day);  // 30 days, 5 %
    CHECK(*r.monthly_equivalent() == Approx(0.05));
    CHECK(*r.yearly_equivalent() == Approx(1 - std::pow(0.95, 365.0 / 30.0)));
    const auto bands = churn_benchmarks_json();
    REQUIRE(bands.size() == 2);
    CHECK(bands[0]["per"] == "year");
    CHECK(bands[1]["per"] == "month");
}

TEST_CASE("Snapshot churn: churned over all customers, overall and per value", "[churn][snapshot]") {
    const std::map<std::string, churn_count> by{{"Month-to-month", {10, 4}}, {"Two year", {10, 1}}};
    const auto j = snapshot_churn_json("Contract", by);
    CHECK(j["customers"] == 20);
    CHECK(j["churned"] == 5);
    CHECK(j["rate"].get<double>() == Approx(0.25));
    CHECK(j["values"][0]["rate"].get<double>() == Approx(0.4));
    CHECK(j["values"][1]["rate"].get<double>() == Approx(0.1));
    CHECK(snapshot_churn_json("", {})["rate"].is_null());
}

TEST_CASE("Consecutive periods in one pass equal each period counted on its own", "[churn]") {
    std::mt19937 rng(5);
    for (int round = 0; round < 20; ++round) {
        INFO("round " << round);
        std::vector<customer_span> customers;
        for (int i = 0; i < 300; ++i) {
            customer_span c;
            if (rng() % 10) c.active_from_ms = static_cast<std::int64_t>(rng() % 100) * day;
            // Some leave before they joined (bad data) or on a boundary exactly.
            if (rng() % 3 == 0) c.churned_at_ms = static_cast<std::int64_t>(rng() % 100) * day;
            customers.push_back(c);
        }
        std::vector<std::int64_t> boundaries{static_cast<std::int64_t>(rng() % 20) * day};
        const auto periods = 1 + rng() % 12;
        for (std::size_t i = 0; i < periods; ++i) boundaries.push_back(boundaries.back() + static_cast<std::int64_t>(1 + rng() % 15) * day);
        const auto together = churn_of_periods(customers, boundaries);
        REQUIRE(together.size() == periods);
        for (std::size_t i = 0; i < periods; ++i) {
            INFO("period " << i);
            const auto alone = churn_of_period(customers, boundaries[i], boundaries[i + 1]);
            CHECK(together[i].from_ms == alone.from_ms);
            CHECK(together[i].to_ms == alone.to_ms);
            CHECK(together[i].start_count == alone.start_count);
            CHECK(together[i].left == alone.left);
            CHECK(together[i].joined == alone.joined);
            CHECK(together[i].joined_left == alone.joined_left);
            CHECK(together[i].end_count == alone.end_count);
        }
    }
    CHECK(churn_of_periods({}, {0}).empty());
}
