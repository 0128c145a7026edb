// Tests for nps_summary and nps_comparison: the NPS examples of metrics.md and cases H01, H03, H04.
#include <catch2/catch.hpp>

#include "metrics/nps_comparison.hpp"
#include "metrics/nps_summary.hpp"
#include "unit/metrics/answer_counts.hpp"

using opinia::metrics::compare_nps;
using opinia::metrics::nps_from_groups;
using opinia::metrics::summarize_nps;
using opinia::test::counts_of;

TEST_CASE("NPS from answer lists", "[nps]") {
    struct example {
        const char* name;
        std::vector<int> answers;
        std::int64_t promoters, passives, detractors;
        double score;
    };
    const std::vector<example> examples{
        {"metrics.md: [10,9,8,7,6,0,0,10] is 0.0", {10, 9, 8, 7, 6, 0, 0, 10}, 3, 2, 3, 0.0},
        {"H01: 0 is an answer, NPS -14.3", {0, 10, 9, 8, 7, 6, 0}, 2, 2, 3, -100.0 / 7.0},
        {"H04: a week with 9 and 3 is 0.0", {9, 3}, 1, 0, 1, 0.0},
        {"only zeros is -100", {0, 0, 0}, 0, 0, 3, -100.0},
        {"only tens is +100", {10, 10}, 2, 0, 0, 100.0},
        {"group edges 6|7 and 8|9", {6, 7, 8, 9}, 1, 2, 1, 0.0},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            const auto s = summarize_nps(counts_of({{"nps", 0, 10, 9, e.answers}}));
            CHECK(s.n == static_cast<std::int64_t>(e.answers.size()));
            CHECK(s.promoters == e.promoters);
            CHECK(s.passives == e.passives);
            CHECK(s.detractors == e.detractors);
            REQUIRE(s.score());
            CHECK(*s.score() == Approx(e.score).margin(1e-9));
            CHECK(s.low_sample());
        }
    }
}

TEST_CASE("H01: NPS -14.3 is returned unrounded and zeros land in the distribution", "[nps][H01]") {
    const auto s = summarize_nps(counts_of({{"nps", 0, 10, 9, {0, 10, 9, 8, 7, 6, 0}}}));
    CHECK(*s.score() == Approx(-14.2857).margin(1e-4));
    CHECK(s.distribution[0] == 2);
    CHECK(s.distribution[6] == 1);
    CHECK(s.distribution[10] == 1);
    const nlohmann::json j = s;
    CHECK(j.at("distribution") == nlohmann::json::array({2, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1}));
    CHECK(j.at("n") == 7);
}

TEST_CASE("H03: a question that is not NPS never yields an NPS", "[nps][H03]") {
    const std::vector<std::vector<opinia::test::question_answers>> inputs{
        {{"rating", 1, 4, 3, {4, 4, 3, 1}}},
        {{"csat", 1, 5, 4, {4, 4, 3, 1}}},
        // Even mislabelled as nps, a 1-4 scale is not the NPS question.
        {{"nps", 1, 4, 3, {4, 4, 3, 1}}},
    };
    for (const auto& input : inputs) {
        const auto s = summarize_nps(counts_of(input));
        CHECK(s.n == 0);
        CHECK_FALSE(s.score());
        const nlohmann::json j = s;
        CHECK(j.at("score").is_null());
    }
}

TEST_CASE("H04: an empty period has a null NPS, not 0 or NaN", "[nps][H04]") {
    const auto s = summarize_nps({});
    CHECK(s.n == 0);
    CHECK_FALSE(s.score());
    CHECK_FALSE(s.moe95());
    const nlohmann::json j = s;
    CHECK(j.at("score").is_null());
    CHECK(j.at("moe95").is_null());
    CHECK(j.at("n") == 0);
    CHECK(j.at("low_sample") == true);
    CHECK(j.dump().find("NaN") == std::string::npos);
}

TEST_CASE("Margin of error: 60/25/15 gives 45.0 +- 14.5", "[nps][moe]") {
    const auto s = nps_from_groups(60, 25, 15);
    CHECK(s.n == 100);
    CHECK(*s.score() == Approx(45.0));
    // 1.96 × 100 × √((0.60 + 0.15 − 0.45²) ÷ 100) = 14.4954…
    CHECK(*s.moe95() == Approx(1.96 * 100.0 * std::sqrt((0.75 - 0.2025) / 100.0)));
    CHECK(*s.moe95() == Approx(14.5).margin(0.05));
    CHECK_FALSE(s.low_sample());
}

TEST_CASE("low_sample is flagged below 30 answers", "[nps]") {
    CHECK(nps_from_groups(10, 10, 9).low_sample());
    CHECK_FALSE(nps_from_groups(10, 10, 10).low_sample());
}

TEST_CASE("Everyone in one group has a zero margin, not NaN", "[nps][moe]") {
    const auto s = nps_from_groups(40, 0, 0);
    CHECK(*s.score() == Approx(100.0));
    CHECK(*s.moe95() == Approx(0.0).margin(1e-9));
}

TEST_CASE("Two periods compared for significance", "[nps][compare]") {
    struct example {
        const char* name;
        opinia::metrics::nps_summary first, second;
        bool significant;
    };
    const std::vector<example> examples{
        // se = 100 × √(0.5475 ÷ 100) ≈ 7.40 each, threshold 1.96 × 10.46 ≈ 20.5.
        {"45 vs 45 is not", nps_from_groups(60, 25, 15), nps_from_groups(60, 25, 15), false},
        {"45 vs 30 (n=100) is not", nps_from_groups(60, 25, 15), nps_from_groups(50, 30, 20), false},
        {"45 vs 0 (n=100) is", nps_from_groups(60, 25, 15), nps_from_groups(30, 40, 30), true},
        {"45 vs 40 with n=10000 each is", nps_from_groups(6000, 2500, 1500),
         nps_from_groups(5500, 3000, 1500), true},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            const auto c = compare_nps(e.first, e.second);
            REQUIRE(c.difference);
            REQUIRE(c.threshold);
            CHECK(*c.difference == Approx(*e.second.score() - *e.first.score()));
            const double se1 = *e.first.standard_error(), se2 = *e.second.standard_error();
            CHECK(*c.threshold == Approx(1.96 * std::sqrt(se1 * se1 + se2 * se2)));
            CHECK(c.significant == e.significant);
        }
    }
}

TEST_CASE("A period without answers is never significantly different", "[nps][compare]") {
    const auto c = compare_nps(nps_from_groups(0, 0, 0), nps_from_groups(60, 25, 15));
    CHECK_FALSE(c.difference);
    CHECK_FALSE(c.significant);
    const nlohmann::json j = c;
    CHECK(j.at("difference").is_null());
    CHECK(j.at("significant").is_null());
}
