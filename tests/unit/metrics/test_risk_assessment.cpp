// Tests for risk_assessment: signals, high vs watch, and the single-low-CES exception of metrics.md.
#include <catch2/catch.hpp>

#include <random>
#include "metrics/at_risk_ranking.hpp"
#include "metrics/risk_assessment.hpp"

using namespace opinia::metrics;

namespace {
scored_answer nps(int v, std::int64_t at = 1) { return {"nps", 0, 10, 9, v, at, 0, ""}; }
scored_answer csat5(int v, std::int64_t at = 1) { return {"csat", 1, 5, 4, v, at, 0, ""}; }
scored_answer csat10(int v, std::int64_t at = 1) { return {"csat", 1, 10, 8, v, at, 0, ""}; }
scored_answer ces7(int v, std::int64_t at = 1) { return {"ces", 1, 7, 5, v, at, 0, ""}; }
scored_answer ces5(int v, std::int64_t at = 1) { return {"ces", 1, 5, 4, v, at, 0, ""}; }
}  // namespace

TEST_CASE("At-risk rule of metrics.md", "[at-risk]") {
    struct example {
        const char* name;
        customer_latest customer;
        const char* level;  // "" = not at risk
        std::vector<std::string> reasons;
    };
    const std::vector<example> examples{
        {"seed's exception: single low CES, promoter, satisfied", {"c", nps(10), csat5(5), ces7(2)}, "", {}},
        {"single low CES without an NPS answer is watched", {"c", std::nullopt, csat5(5), ces7(2)}, "watch", {"ces_difficult"}},
        {"single low CES from a passive is watched", {"c", nps(8), csat5(5), ces7(3)}, "watch", {"ces_difficult"}},
        {"single low CES with CSAT not satisfied is high", {"c", nps(10), csat5(3), ces7(1)}, "high",
         {"csat_not_satisfied", "ces_difficult"}},
        {"detractor alone is watch", {"c", nps(6), std::nullopt, std::nullopt}, "watch", {"nps_detractor"}},
        {"0 is a detractor", {"c", nps(0), std::nullopt, std::nullopt}, "watch", {"nps_detractor"}},
        {"detractor and low CES is high", {"c", nps(3), std::nullopt, ces7(2)}, "high", {"nps_detractor", "ces_difficult"}},
        {"all three", {"c", nps(1), csat5(1), ces5(1)}, "high", {"nps_detractor", "csat_not_satisfied", "ces_difficult"}},
        {"CES 4 on 1-7 is not difficult", {"c", std::nullopt, std::nullopt, ces7(4)}, "", {}},
        {"CES 3 on 1-5 is not difficult", {"c", std::nullopt, std::nullopt, ces5(3)}, "", {}},
        {"CES 2 on 1-5 is difficult", {"c", std::nullopt, std::nullopt, ces5(2)}, "watch", {"ces_difficult"}},
        {"CSAT 7 on 1-10 is not satisfied", {"c", nps(9), csat10(7), std::nullopt}, "watch", {"csat_not_satisfied"}},
        {"CSAT 8 on 1-10 is satisfied", {"c", nps(9), csat10(8), std::nullopt}, "", {}},
        {"happy customer", {"c", nps(9), csat5(4), ces7(6)}, "", {}},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            const auto list = assess_risk({e.customer});
            if (std::string(e.level).empty()) {
                CHECK(list.empty());
            } else {
                REQUIRE(list.size() == 1);
                CHECK(list[0].level == e.level);
                std::vector<std::string> reasons;
                for (const auto& s : list[0].signals) reasons.push_back(s.reason);
                CHECK(reasons == e.reasons);
            }
        }
    }
}

TEST_CASE("High-risk customers come first, each with the answers behind the signals", "[at-risk]") {
    const auto list = assess_risk({{"watch-old", nps(2, 100), std::nullopt, std::nullopt},
                                   {"high", nps(2, 50), csat5(1, 60), std::nullopt},
                                   {"watch-new", nps(5, 200), std::nullopt, std::nullopt}});
    REQUIRE(list.size() == 3);
    CHECK(list[0].customer == "high");
    CHECK(list[1].customer == "watch-new");
    CHECK(list[2].customer == "watch-old");
    const auto j = at_risk_json(list, 2);
    CHECK(j["high"] == 1);
    CHECK(j["watch"] == 2);
    CHECK(j["customers"].size() == 2);
    CHECK(j["customers"][0]["signals"][1]["type"] == "csat");
    CHECK(j["customers"][0]["signals"][1]["value"] == 1);
    CHECK(j["customers"][0]["signals"][1]["scale"] == "1-5");
}

TEST_CASE("A ranking that keeps only the first few lists the same customers as the full order", "[at-risk]") {
    std::mt19937 rng(9);
    std::vector<customer_latest> customers;
    for (int i = 0; i < 400; ++i) {
        customer_latest c{"c" + std::to_string(rng() % 1000), std::nullopt, std::nullopt, std::nullopt};
        const auto at = static_cast<std::int64_t>(rng() % 3);  // few distinct times: many ties, broken by id
        if (rng() % 4) c.nps = nps(static_cast<int>(rng() % 11), at);
        if (rng() % 3) c.csat = csat5(1 + static_cast<int>(rng() % 5), at + static_cast<std::int64_t>(rng() % 2));
        if (rng() % 3) c.ces = ces7(1 + static_cast<int>(rng() % 7), at);
        customers.push_back(c);
    }
    const auto all = assess_risk(customers);
    for (std::size_t listed : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{50}, all.size() + 5}) {
        INFO("listed " << listed);
        at_risk_ranking ranking(listed);
        for (const auto& c : customers) ranking.add(c);
        const auto first = ranking.take_listed();
        REQUIRE(first.size() == std::min(listed, all.size()));
        for (std::size_t i = 0; i < first.size(); ++i) {
            CHECK(first[i].customer == all[i].customer);
            CHECK(first[i].signals.size() == all[i].signals.size());
        }
        std::int64_t high = 0;
        for (const auto& c : all) high += c.level == "high";
        CHECK(ranking.high() == high);
        CHECK(ranking.watch() == static_cast<std::int64_t>(all.size()) - high);
    }
    // The full order itself: more signals first, then the most recent, then by id.
    for (std::size_t i = 0; i + 1 < all.size(); ++i) CHECK(all[i].signals.size() >= all[i + 1].signals.size());
}
