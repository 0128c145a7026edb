// Tests for score_summary: the whole Summary JSON of interfaces.md from one set of counts.
#include <catch2/catch.hpp>

#include "metrics/score_summary.hpp"
#include "unit/metrics/answer_counts.hpp"

using opinia::metrics::summary_json;
using opinia::test::counts_of;

TEST_CASE("Summary JSON carries nps, csat and ces with the interface's fields", "[summary]") {
    std::vector<int> nps_answers;
    nps_answers.insert(nps_answers.end(), 60, 10);
    nps_answers.insert(nps_answers.end(), 25, 8);
    nps_answers.insert(nps_answers.end(), 15, 0);
    const auto j = summary_json(counts_of({{"nps", 0, 10, 9, nps_answers},
                                           {"csat", 1, 5, 4, {5, 5, 4, 3, 1}},
                                           {"ces", 1, 7, 5, {7, 6, 5, 4, 2}}}));
    const auto& nps = j.at("nps");
    CHECK(nps.at("score").get<double>() == Approx(45.0));
    CHECK(nps.at("n") == 100);
    CHECK(nps.at("promoters") == 60);
    CHECK(nps.at("passives") == 25);
    CHECK(nps.at("detractors") == 15);
    CHECK(nps.at("moe95").get<double>() == Approx(14.5).margin(0.05));
    CHECK(nps.at("low_sample") == false);
    CHECK(nps.at("distribution").size() == 11);
    CHECK(nps.at("distribution")[0] == 15);
    CHECK(j.at("csat").at("percent").get<double>() == Approx(60.0));
    CHECK(j.at("csat").at("scale") == "1-5");
    CHECK(j.at("ces").at("percent_easy").get<double>() == Approx(60.0));
    CHECK(j.at("ces").at("mean").get<double>() == Approx(4.8));
    CHECK(j.at("ces").at("scale") == "1-7");
}

TEST_CASE("H04: an empty period is null everywhere, never 0 or NaN", "[summary][H04]") {
    const auto j = summary_json({});
    CHECK(j.at("nps").at("score").is_null());
    CHECK(j.at("nps").at("n") == 0);
    CHECK(j.at("csat").at("percent").is_null());
    CHECK(j.at("csat").at("n") == 0);
    CHECK(j.at("ces").at("percent_easy").is_null());
    CHECK(j.at("ces").at("n") == 0);
    CHECK(j.dump().find("NaN") == std::string::npos);
}

TEST_CASE("Summary values are unrounded", "[summary][H01]") {
    const auto j = summary_json(counts_of({{"nps", 0, 10, 9, {0, 10, 9, 8, 7, 6, 0}}}));
    CHECK(j.at("nps").at("score").get<double>() == Approx(-100.0 / 7.0).epsilon(1e-12));
    CHECK(j.at("nps").at("score").get<double>() != -14.3);
}
