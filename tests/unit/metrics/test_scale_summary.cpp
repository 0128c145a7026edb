// Tests for scale_summary, csat_summary, ces_summary and score_scale: CSAT/CES examples and H05, H06.
#include <catch2/catch.hpp>

#include "metrics/ces_summary.hpp"
#include "metrics/csat_summary.hpp"
#include "metrics/score_scale.hpp"
#include "unit/metrics/answer_counts.hpp"

using namespace opinia::metrics;
using opinia::test::counts_of;
using opinia::test::question_answers;

TEST_CASE("CSAT and CES on one scale", "[csat][ces]") {
    struct example {
        const char* name;
        question_answers question;
        std::int64_t good;
        double percent, mean;
    };
    const std::vector<example> examples{
        {"metrics.md CSAT 1-5", {"csat", 1, 5, 4, {5, 5, 4, 3, 1}}, 3, 60.0, 3.6},
        {"metrics.md CSAT 1-10", {"csat", 1, 10, 8, {10, 8, 7, 9}}, 3, 75.0, 8.5},
        {"metrics.md CES 1-7", {"ces", 1, 7, 5, {7, 6, 5, 4, 2}}, 3, 60.0, 4.8},
        {"H05: CSAT divides by answers given", {"csat", 1, 5, 4, {5, 4, 4, 3, 2, 1}}, 3, 50.0, 19.0 / 6.0},
        {"CES 1-5, easy from 4", {"ces", 1, 5, 4, {5, 4, 3, 2}}, 2, 50.0, 3.5},
        {"good_from 0 falls back to the default (1-10 → 8)", {"csat", 1, 10, 0, {8, 7}}, 1, 50.0, 7.5},
        {"the question's own cut-off wins", {"csat", 1, 5, 5, {5, 4}}, 1, 50.0, 4.5},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            const auto s = summarize_scale(counts_of({e.question}), e.question.type);
            CHECK(s.n() == static_cast<std::int64_t>(e.question.values.size()));
            CHECK(s.good() == e.good);
            CHECK(*s.percent() == Approx(e.percent));
            CHECK(*s.mean() == Approx(e.mean));
            REQUIRE(s.scale());
            CHECK(*s.scale() == score_scale{e.question.scale_min, e.question.scale_max});
        }
    }
}

TEST_CASE("CSAT JSON names its fields as interfaces.md", "[csat][json]") {
    const nlohmann::json j = summarize_csat(counts_of({{"csat", 1, 5, 4, {5, 5, 4, 3, 1}}}));
    CHECK(j.at("percent").get<double>() == Approx(60.0));
    CHECK(j.at("n") == 5);
    CHECK(j.at("satisfied") == 3);
    CHECK(j.at("mean").get<double>() == Approx(3.6));
    CHECK(j.at("scale") == "1-5");
    CHECK(j.at("by_scale").size() == 1);
}

TEST_CASE("CES JSON names its fields as interfaces.md", "[ces][json]") {
    const nlohmann::json j = summarize_ces(counts_of({{"ces", 1, 7, 5, {7, 6, 5, 4, 2}}}));
    CHECK(j.at("percent_easy").get<double>() == Approx(60.0));
    CHECK(j.at("n") == 5);
    CHECK(j.at("easy") == 3);
    CHECK(j.at("mean").get<double>() == Approx(4.8));
    CHECK(j.at("scale") == "1-7");
}

TEST_CASE("H06: each scale judged by its own cut-off, no mean across scales", "[csat][H06]") {
    const auto counts = counts_of({{"csat", 1, 5, 4, {5, 4, 2}}, {"csat", 1, 10, 8, {8, 9, 4}}});
    const auto s = summarize_csat(counts).answers;
    REQUIRE(s.by_scale.size() == 2);
    CHECK(s.by_scale[0].scale == score_scale{1, 5});
    CHECK(*s.by_scale[0].percent() == Approx(200.0 / 3.0));
    CHECK(*s.by_scale[0].mean() == Approx(11.0 / 3.0));
    CHECK(s.by_scale[1].scale == score_scale{1, 10});
    CHECK(*s.by_scale[1].percent() == Approx(200.0 / 3.0));
    CHECK(*s.by_scale[1].mean() == Approx(7.0));
    CHECK(s.n() == 6);
    CHECK(*s.percent() == Approx(200.0 / 3.0));
    CHECK_FALSE(s.mean());
    CHECK_FALSE(s.scale());

    const nlohmann::json j = summarize_csat(counts);
    CHECK(j.at("mean").is_null());
    CHECK(j.at("scale").is_null());
    CHECK(j.at("by_scale")[0].at("scale") == "1-5");
    CHECK(j.at("by_scale")[1].at("scale") == "1-10");
    CHECK(j.at("by_scale")[1].at("satisfied") == 2);
}

TEST_CASE("H06 for CES: 1-7 and 1-5 keep their own cut-offs", "[ces][H06]") {
    const nlohmann::json j = summarize_ces(counts_of({{"ces", 1, 7, 5, {5, 4}}, {"ces", 1, 5, 4, {4, 3}}}));
    CHECK(j.at("percent_easy").get<double>() == Approx(50.0));
    CHECK(j.at("mean").is_null());
    CHECK(j.at("by_scale")[0].at("scale") == "1-5");
    CHECK(j.at("by_scale")[0].at("easy") == 1);
    CHECK(j.at("by_scale")[1].at("scale") == "1-7");
    CHECK(j.at("by_scale")[1].at("easy") == 1);
}

TEST_CASE("Empty CSAT and CES are null with n = 0", "[csat][ces][H04]") {
    const nlohmann::json csat = summarize_csat({});
    CHECK(csat.at("percent").is_null());
    CHECK(csat.at("mean").is_null());
    CHECK(csat.at("n") == 0);
    const nlohmann::json ces = summarize_ces({});
    CHECK(ces.at("percent_easy").is_null());
    CHECK(ces.at("n") == 0);
}

TEST_CASE("Other question types and out-of-scale values are not CSAT answers", "[csat]") {
    const auto s = summarize_scale(
        counts_of({{"nps", 0, 10, 9, {10, 9}}, {"ces", 1, 7, 5, {7}}, {"csat", 1, 5, 4, {5, 0, 6}},
                   // no cut-off exists for 1-7 CSAT: not judged by an invented one
                   {"csat", 1, 7, 0, {7}}}),
        "csat");
    CHECK(s.n() == 1);
    CHECK(s.good() == 1);
}

TEST_CASE("Scales parse and have the cut-offs of metrics.md", "[scale]") {
    CHECK(parse_scale("1-10") == score_scale{1, 10});
    CHECK(parse_scale("0-10") == score_scale{0, 10});
    CHECK_FALSE(parse_scale("10-1"));
    CHECK_FALSE(parse_scale("1-"));
    CHECK_FALSE(parse_scale("a-5"));
    CHECK_FALSE(parse_scale("1-5x"));
    CHECK(score_scale{1, 7}.label() == "1-7");
    CHECK(default_good_from("nps", {0, 10}) == 9);
    CHECK(default_good_from("csat", {1, 5}) == 4);
    CHECK(default_good_from("csat", {1, 10}) == 8);
    CHECK(default_good_from("ces", {1, 7}) == 5);
    CHECK(default_good_from("ces", {1, 5}) == 4);
    CHECK_FALSE(default_good_from("nps", {1, 4}));
    CHECK_FALSE(default_good_from("csat", {1, 7}));
}
