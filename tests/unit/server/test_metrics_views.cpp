// Tests for metrics_views on the real files: the in-memory themes equal themes over the SQL comment query, churn by Contract equals the SQL tallies, and an interrupted cache load leaves nothing half-read.
#include <catch2/catch.hpp>
#include <atomic>
#include <memory>
#include <thread>
#include <sqlite3.h>
#include <SQLiteCpp/Exception.h>

#include "import/customer_importer.hpp"
#include "import/response_importer.hpp"
#include "import/score_mapping.hpp"
#include "metrics/churn_summary.hpp"
#include "metrics/comment_themes.hpp"
#include "server/metrics_views.hpp"
#include "store/customer_store.hpp"
#include "store/metrics_query.hpp"
#include "support_temp_dir.hpp"

using namespace opinia;

namespace {

constexpr std::int64_t imported_at = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

void import_garden(store::database& db)
{
    import::response_import_options o;
    o.file = OPINIA_SHARED_DIR "/data/fr-garden-nps/nps.csv";
    o.flow = "garden";
    o.scores = {import::parse_score_mapping("nps=nps"), import::parse_score_mapping("csat=satisfaction:1-10")};
    o.comment_column = "explication";
    o.encoding = import::text_encoding::latin1;
    o.missing_tokens = {"NA"};
    o.imported_at_ms = imported_at;
    REQUIRE(import::import_responses(o, db).rows_imported == 13950);
}

}  // namespace

TEST_CASE("Themes from the answer cache equal themes over the SQL comments, on the garden survey", "[views][themes][real]")
{
    testing::temp_dir dir;
    store::database db({dir.file("o.db")});
    import_garden(db);
    // Reading only the newest 500 comments exercises the limit, as 5,000 would on a larger survey.
    server::metrics_view_settings settings;
    settings.theme_comments = 500;
    server::metrics_views views(db, [] { return imported_at + 1000; }, settings);
    store::metrics_query sql(db);
    const std::vector<server::metrics_views::params> cases{
        {}, {{"q", "accueil"}}, {{"q", "PRIX"}}, {{"flow", "garden"}, {"from", "2026-01-01"}, {"to", "2026-01-01"}},
        {{"flow", "other"}}, {{"q", "no such words here"}},
    };
    for (const auto& p : cases) {
        INFO(nlohmann::json(p).dump());
        const auto cached = views.view("themes", p);
        store::answer_filter filter;
        if (p.count("flow")) filter.flow = p.at("flow");
        if (p.count("from")) {
            filter.from_ms = imported_at;
            filter.to_ms = imported_at + 86'400'000;
        }
        const auto comments = sql.comments(filter, settings.theme_comments, p.count("q") ? p.at("q") : "");
        const auto expected = metrics::themes_json(metrics::find_themes(comments, settings.themes), comments.size());
        CHECK(cached == expected);
        CHECK(cached["comments"].get<int>() <= 500);
    }
    // The survey is French: its detractors' first theme is a real word, counted in many comments.
    server::metrics_views all_views(db, [] { return imported_at + 1000; });
    const auto all = all_views.view("themes", {});
    // Fewer comments than the 5,000 read, so all of them count.
    const auto stored = db.connection().execAndGet(
        "SELECT COUNT(*) FROM answers WHERE question_type = 'text' AND skipped = 0 AND text <> ''").getInt();
    REQUIRE(stored > 1000);
    REQUIRE(all["comments"] == stored);
    CHECK(all["groups"][0]["group"] == "detractors");
    CHECK(all["groups"][0]["terms"][0]["count"].get<int>() > 50);
}

TEST_CASE("Churn by Contract from the customer cache equals the SQL tallies, on the telco file", "[views][churn][real]")
{
    testing::temp_dir dir;
    store::database db({dir.file("o.db")});
    import::customer_import_options o;
    o.file = OPINIA_SHARED_DIR "/data/ibm-telco-churn/Telco-Customer-Churn.csv";
    o.id_column = "customerID";
    o.churned_column = "Churn";
    o.attribute_columns = {"Contract"};
    import::import_customers(o, db);
    server::metrics_views views(db, [] { return imported_at; });
    store::customer_store sql(db);
    CHECK(views.view("churn", {{"by", "Contract"}})["snapshot"] ==
          metrics::snapshot_churn_json("Contract", sql.snapshot_churn("Contract")));
    CHECK(views.view("churn", {})["snapshot"] == metrics::snapshot_churn_json("", sql.snapshot_churn("")));
    CHECK(views.view("churn", {})["attributes"] == nlohmann::json::array({"Contract"}));
}

TEST_CASE("A view interrupted while its caches load fails, and the next call loads them whole", "[views][shutdown][real]")
{
    testing::temp_dir dir;
    store::database db({dir.file("o.db")});
    import_garden(db);
    const auto now = [] { return imported_at + 1000; };

    // The server interrupts the views' connection at shutdown; here another thread keeps doing it
    // until the first load fails (retried with new views, in case a slow scheduler let one finish).
    std::unique_ptr<server::metrics_views> views;
    bool interrupted = false;
    for (int attempt = 0; attempt < 20 && !interrupted; ++attempt) {
        views = std::make_unique<server::metrics_views>(db, now);
        std::atomic<bool> stop{false};
        std::thread interrupter([&] {
            while (!stop) sqlite3_interrupt(db.connection().getHandle());
        });
        try {
            views->view("summary", {});
        } catch (const SQLite::Exception& e) {
            interrupted = e.getErrorCode() == SQLITE_INTERRUPT;
        }
        stop = true;
        interrupter.join();
    }
    REQUIRE(interrupted);

    server::metrics_views fresh(db, now);
    for (const auto* view : {"summary", "trend", "themes", "funnel", "at-risk"}) {
        INFO(view);
        CHECK(views->view(view, {}) == fresh.view(view, {}));
    }
}
