// attempt_budget: failed attempts spend a refilling budget; an empty budget refuses before any work.
#include <catch2/catch.hpp>
#include "server/attempt_budget.hpp"

using opinia::server::attempt_budget;

TEST_CASE("a burst of failures empties the budget, which refills at its rate", "[attempt_budget]")
{
    attempt_budget budget(2, 5);   // 2 attempts a second, 5 at once
    for (int i = 0; i < 5; ++i) {
        REQUIRE(budget.allows(1000));
        budget.record_failure(1000);
    }
    CHECK_FALSE(budget.allows(1000));
    CHECK(budget.wait_ms(1000) == 500);
    CHECK_FALSE(budget.allows(1400));
    CHECK(budget.allows(1500));            // one token back after 500 ms
    budget.record_failure(1500);
    CHECK_FALSE(budget.allows(1500));
    CHECK(budget.allows(100000));
    for (int i = 0; i < 5; ++i) budget.record_failure(100000);
    CHECK_FALSE(budget.allows(100000));    // never more than the burst, however long it rested
}

TEST_CASE("successes spend nothing", "[attempt_budget]")
{
    attempt_budget budget(1, 1);
    for (int i = 0; i < 100; ++i) CHECK(budget.allows(0));
}
