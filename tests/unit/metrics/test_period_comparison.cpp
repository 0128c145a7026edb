// Tests for period_comparison and segment_breakdown: significance of NPS and shares, segments ordered by size.
#include <catch2/catch.hpp>
#include <cmath>

#include "metrics/period_comparison.hpp"
#include "metrics/segment_breakdown.hpp"
#include "unit/metrics/answer_counts.hpp"

using namespace opinia::metrics;
using opinia::test::counts_of;

TEST_CASE("Two shares differ significantly only beyond 1.96 standard errors", "[compare]") {
    struct example {
        const char* name;
        std::int64_t g1, n1, g2, n2;
        bool significant;
    };
    const std::vector<example> examples{
        {"60 % vs 62 % on 100 each: noise", 60, 100, 62, 100, false},
        {"60 % vs 80 % on 400 each: real", 240, 400, 320, 400, true},
        {"50 % vs 50 %: no difference", 50, 100, 500, 1000, false},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            const auto c = compare_shares(e.g1, e.n1, e.g2, e.n2);
            const double p1 = double(e.g1) / double(e.n1), p2 = double(e.g2) / double(e.n2);
            CHECK(*c.difference == Approx(100 * (p2 - p1)));
            CHECK(*c.threshold == Approx(196 * std::sqrt(p1 * (1 - p1) / double(e.n1) + p2 * (1 - p2) / double(e.n2))));
            CHECK(c.significant == e.significant);
        }
    }
    CHECK_FALSE(compare_shares(0, 0, 5, 10).difference);
}

TEST_CASE("Period comparison carries both summaries and a verdict per metric", "[compare]") {
    const auto first = summarize_scores(counts_of({{"nps", 0, 10, 9, std::vector<int>(50, 10)}, {"csat", 1, 5, 4, {5, 5, 1}}}));
    auto second_answers = std::vector<int>(50, 0);
    const auto second = summarize_scores(counts_of({{"nps", 0, 10, 9, second_answers}}));
    nlohmann::json j = compare_periods(first, second);
    CHECK(j["first"]["nps"]["score"] == 100.0);
    CHECK(j["second"]["nps"]["score"] == -100.0);
    CHECK(j["difference"]["nps"]["difference"] == -200.0);
    // With everyone in one group the standard error is 0, so any change is significant.
    CHECK(j["difference"]["nps"]["significant"] == true);
    CHECK(j["difference"]["csat"]["difference"].is_null());
    CHECK(j["difference"]["csat"]["significant"].is_null());  // no second CSAT: no test, not "not significant"
}

TEST_CASE("Segments: largest first, each with its own summary", "[segments]") {
    std::map<std::string, std::vector<opinia::store::score_count>> counts{
        {"anna", counts_of({{"nps", 0, 10, 9, {10, 0}}})},
        {"", counts_of({{"nps", 0, 10, 9, {9, 9, 9}}})},
    };
    const auto j = segments_json("agent", counts);
    CHECK(j["dimension"] == "agent");
    REQUIRE(j["segments"].size() == 2);
    CHECK(j["segments"][0]["value"] == "");
    CHECK(j["segments"][0]["n"] == 3);
    CHECK(j["segments"][1]["nps"]["score"] == 0.0);
    CHECK(is_segment_dimension("attribute:Contract"));
    CHECK_FALSE(is_segment_dimension("attribute:"));
    CHECK_FALSE(is_segment_dimension("ticket_holder"));
}
