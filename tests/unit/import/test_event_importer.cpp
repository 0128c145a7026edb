// Tests for event_importer: journey events from CSV (stages in any case, touchpoints, times), bad rows skipped with their reason, unknown columns refused.
#include <catch2/catch.hpp>

#include "import/event_importer.hpp"
#include "import/import_error.hpp"
#include "metrics/journey_funnel.hpp"
#include "store/customer_store.hpp"
#include "store/database.hpp"

using namespace opinia;

namespace {

constexpr std::int64_t imported_at = 1'769'904'000'000;  // 2026-02-01T00:00:00Z, after the events' own times

import::event_import_options options_with(std::string at_column = "when")
{
    import::event_import_options o;
    o.file = "events.csv";
    o.customer_column = "customer";
    o.stage_column = "stage";
    o.touchpoint_column = "where";
    o.at_column = std::move(at_column);
    o.imported_at_ms = imported_at;
    return o;
}

}  // namespace

TEST_CASE("Events are imported with their stage, touchpoint and time; bad rows are skipped with the reason", "[events]") {
    const std::string csv =
        "customer,stage,where,when\n"
        "a,awareness,ad,2026-01-02T10:00:00Z\n"
        "a,Consideration,site,2026-01-03T10:00:00Z\n"   // any case
        " b ,awareness, ad ,2026-01-02T12:00:00Z\n"     // blanks trimmed
        "b,decision,shop,\n"                            // no time: the import's
        ",awareness,ad,2026-01-02T10:00:00Z\n"          // no customer
        "c,purchase,shop,2026-01-04T10:00:00Z\n"        // not a stage
        "c,decision,shop,yesterday\n"                   // not a time
        "c,decision,shop,9999-12-31T00:00:00Z\n"        // after the import: a wrong year
        "c,decision\n";                                 // short row
    store::database db({":memory:"});
    store::customer_store store(db);
    const auto report = import::import_events(csv, options_with(), store);
    CHECK(report.rows_read == 9);
    CHECK(report.rows_imported == 4);
    CHECK(report.rows_skipped == 5);
    CHECK(report.skipped_by_kind.at("column \"when\": in the future") == 1);
    CHECK(report.skipped_by_kind.at("empty customer id") == 1);
    CHECK(report.skipped_by_kind.at("column \"stage\": not a journey stage") == 1);
    CHECK(report.skipped_by_kind.at("column \"when\": not a date") == 1);
    CHECK(report.skipped_by_kind.at("wrong number of fields") == 1);

    const auto events = store.events(std::nullopt, std::nullopt, "");
    REQUIRE(events.size() == 4);
    CHECK(events[1].stage == "consideration");
    CHECK(events[2].customer_id == "b");
    CHECK(events[2].touchpoint == "ad");
    CHECK(events[3].occurred_at_ms == imported_at);
    // a: awareness → consideration in 24 h; b: awareness, then decision with no consideration.
    const auto funnel = metrics::build_journey(events);
    CHECK(funnel.customers == std::array<std::int64_t, 5>{2, 1, 1, 0, 0});
    CHECK(*funnel.median_ms[0] == Approx(24.0 * 3'600'000));
    CHECK(store.events(std::nullopt, std::nullopt, "shop").size() == 1);
}

TEST_CASE("Without a time column every event takes the time of the import", "[events]") {
    store::database db({":memory:"});
    store::customer_store store(db);
    auto options = options_with("");
    options.touchpoint_column.clear();
    import::import_events("customer,stage\nx,retention\n", options, store);
    const auto events = store.events(std::nullopt, std::nullopt, "");
    REQUIRE(events.size() == 1);
    CHECK(events[0].occurred_at_ms == imported_at);
    CHECK(events[0].touchpoint.empty());
}

TEST_CASE("A column that is not in the header is refused, naming the option and the columns", "[events]") {
    store::database db({":memory:"});
    store::customer_store store(db);
    auto options = options_with();
    options.stage_column = "phase";
    CHECK_THROWS_WITH(import::import_events("customer,stage,where,when\n", options, store),
                      Catch::Matchers::Contains("--stage: no column \"phase\"") &&
                          Catch::Matchers::Contains("\"customer\", \"stage\", \"where\", \"when\""));
    options = options_with();
    options.customer_column.clear();
    CHECK_THROWS_AS(import::import_events("customer,stage,where,when\n", options, store), import::import_error);
    CHECK_THROWS_WITH(import::import_events("", options_with(), store), Catch::Matchers::Contains("empty"));
}
