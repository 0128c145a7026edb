// Tests of server/invite_policy: sticky sampling, the throttle window, per-flow rules from the config.
#include <catch2/catch.hpp>
#include "server/invite_policy.hpp"

using namespace opinia::server;

namespace {
constexpr std::int64_t day = 24LL * 60 * 60 * 1000;
}

TEST_CASE("sampling keeps the same customer in or out, and follows the percentage", "[invites][sampling]")
{
    flow_invite_rules half;
    half.sample_percent = 50;
    half.throttle_days = 0;
    int in = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto customer = "c" + std::to_string(i);
        const auto first = decide_invite(half, "nps", customer, std::nullopt, 0).outcome;
        CHECK(decide_invite(half, "nps", customer, std::nullopt, 5 * day).outcome == first);
        in += first == invite_outcome::create;
    }
    CHECK(in > 900);
    CHECK(in < 1100);
    flow_invite_rules none;
    none.sample_percent = 0;
    CHECK(decide_invite(none, "nps", "c1", std::nullopt, 0).outcome == invite_outcome::sampled_out);
    flow_invite_rules all;
    CHECK(decide_invite(all, "nps", "c1", std::nullopt, 0).outcome == invite_outcome::create);
    CHECK(sample_position("nps", "c1") != sample_position("csat", "c1"));
}

TEST_CASE("a customer offered a survey is throttled for the flow's days", "[invites][throttle]")
{
    flow_invite_rules rules;  // 30 days by default
    const std::int64_t offered = 100 * day;
    auto soon = decide_invite(rules, "nps", "c1", offered, offered + 29 * day);
    CHECK(soon.outcome == invite_outcome::throttled);
    CHECK(soon.next_allowed_at_ms == offered + 30 * day);
    CHECK(decide_invite(rules, "nps", "c1", offered, offered + 30 * day).outcome == invite_outcome::create);
    CHECK(decide_invite(rules, "nps", "c1", std::nullopt, offered).outcome == invite_outcome::create);
    rules.throttle_days = 0;
    CHECK(decide_invite(rules, "nps", "c1", offered, offered).outcome == invite_outcome::create);
}

TEST_CASE("invite settings are read from the config with per-flow overrides", "[invites][config]")
{
    invite_settings s;
    read_invite_settings({{"expiry_days", 3}, {"throttle_days", 10}, {"public_url", "https://f.example/"},
                          {"flows", {{"csat", {{"sample_percent", 25}}}}}},
                         s);
    CHECK(s.expiry_days == 3);
    CHECK(s.public_url == "https://f.example");
    CHECK(s.rules_for("nps").throttle_days == 10);
    CHECK(s.rules_for("csat").throttle_days == 10);
    CHECK(s.rules_for("csat").sample_percent == 25);
    CHECK_THROWS_WITH(read_invite_settings({{"expiry_days", 0}}, s), Catch::Contains("expiry_days"));
    CHECK_THROWS_WITH(read_invite_settings({{"flows", {{"nps", {{"sample_percent", 101}}}}}}, s),
                      Catch::Contains("invites.flows.nps.sample_percent"));
}
