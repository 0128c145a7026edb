// metrics_bench: generates a synthetic database (answers, customers, journey events) and times every metric view while answers keep arriving.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <random>
#include <thread>
#include <CLI/CLI.hpp>
#include "server/metrics_views.hpp"
#include "store/customer_store.hpp"
#include "store/database.hpp"
#include "store/response_store.hpp"

using namespace opinia;
using clock_type = std::chrono::steady_clock;

namespace {

struct bench_settings {
    std::int64_t answers = 1'000'000;   // score answers; a conversation holds two, and a third of them a comment
    std::int64_t customers = 100'000;
    std::int64_t events = 200'000;
    int days = 365;                      // answers spread over the last `days` days
    int arrivals_per_second = 2000;      // answers written while the views are timed
    int runs = 5;                        // timings per view
    std::size_t batch = 20'000;          // conversations per transaction while generating
    std::string db;
    bool reuse = false;
    std::string only;                    // time only the views of this name
};

constexpr std::int64_t day_ms = 86'400'000;

std::int64_t now_ms()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double seconds_since(clock_type::time_point start)
{
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

const char* const flows[] = {"nps", "csat", "ces", "post_contact"};
const char* const agents[] = {"anna", "bartek", "chloe", "dawid", "emma", "filip", "gosia", "hugo"};
const char* const channels[] = {"chat", "email", "phone"};
const char* const stages[] = {"awareness", "consideration", "decision", "retention", "advocacy"};
const char* const touchpoints[] = {"site", "ad", "shop", "support", "review"};
const char* const comments[] = {
    "Slow delivery and nobody answered the phone", "Friendly staff, great prices", "The app keeps crashing at checkout",
    "Bardzo miła obsługa, ale długa dostawa", "Prix trop élevés mais bon accueil", "Easy to return the parcel",
    "Support solved my issue in minutes", "Nie działa logowanie w aplikacji", "Livraison rapide, produits de qualité"};

// A conversation with an NPS answer and a CSAT or CES answer, sometimes a comment.
store::conversation_write make_conversation(std::mt19937_64& rng, std::int64_t index, std::int64_t at,
                                            const bench_settings& s)
{
    store::conversation_write w;
    auto& c = w.conversation;
    c.id = "bench-" + std::to_string(index);
    c.flow = flows[index % 4];
    c.flow_version = 1;
    c.locale = index % 3 == 0 ? "pl" : "en";
    c.customer_id = "cust-" + std::to_string(rng() % static_cast<std::uint64_t>(s.customers));
    c.agent = agents[rng() % 8];
    c.channel = channels[rng() % 3];
    c.touchpoint = touchpoints[rng() % 5];
    c.stage = stages[rng() % 5];
    c.status = rng() % 10 < 8 ? "completed" : "partial";
    c.source = "chat";
    c.created_at_ms = at;
    c.updated_at_ms = at;  // as the chat writes it: the last change is the answer itself
    const auto answer = [&](const char* step, const char* type, int min, int max, int good, std::optional<int> value) {
        store::answer_record a;
        a.conversation_id = c.id;
        a.client_id = step;
        a.step = step;
        a.question_type = type;
        a.scale_min = min;
        a.scale_max = max;
        a.good_from = good;
        a.value = value;
        a.raw_text = value ? std::to_string(*value) : "";
        a.parse_method = "button";
        a.flow = c.flow;
        a.flow_version = 1;
        a.customer_id = c.customer_id;
        a.created_at_ms = at;
        return a;
    };
    w.answers.push_back(answer("nps", "nps", 0, 10, 9, static_cast<int>(rng() % 11)));
    if (index % 2 == 0)
        w.answers.push_back(answer("csat", "csat", 1, 5, 4, 1 + static_cast<int>(rng() % 5)));
    else
        w.answers.push_back(answer("ces", "ces", 1, 7, 5, 1 + static_cast<int>(rng() % 7)));
    if (rng() % 3 == 0) {
        auto why = answer("why", "text", 0, 0, 0, std::nullopt);
        why.text = comments[rng() % 9];
        why.raw_text = *why.text;
        w.answers.push_back(std::move(why));
    }
    return w;
}

void generate(const bench_settings& s)
{
    std::filesystem::remove(s.db);
    std::filesystem::remove(s.db + "-wal");
    std::filesystem::remove(s.db + "-shm");
    store::database db({s.db, 5000, false});
    std::mt19937_64 rng(42);
    const auto start = clock_type::now();
    const auto end_ms = now_ms() - 60'000;
    const auto first_ms = end_ms - s.days * day_ms;
    const std::int64_t conversations = s.answers / 2;
    {
        store::response_store writer(db);
        std::vector<store::conversation_write> batch;
        for (std::int64_t i = 0; i < conversations; ++i) {
            const auto at = first_ms + (end_ms - first_ms) * i / conversations;  // in time order, as they arrive
            batch.push_back(make_conversation(rng, i, at, s));
            if (batch.size() >= s.batch || i + 1 == conversations) {
                writer.commit(batch);
                batch.clear();
            }
        }
    }
    std::cerr << "answers written in " << seconds_since(start) << " s\n";
    store::customer_store customers(db);
    std::vector<store::customer_record> list;
    for (std::int64_t i = 0; i < s.customers; ++i) {
        store::customer_record c;
        c.id = "cust-" + std::to_string(i);
        c.active_from_ms = first_ms - static_cast<std::int64_t>(rng() % 730) * day_ms;
        if (rng() % 5 == 0) c.churned_at_ms = first_ms + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(s.days)) * day_ms;
        c.churned = c.churned_at_ms.has_value();
        c.attributes = {{"plan", rng() % 3 == 0 ? "pro" : (rng() % 2 ? "basic" : "team")}};
        list.push_back(std::move(c));
    }
    customers.upsert(list, end_ms);
    std::vector<store::journey_event_record> events;
    for (std::int64_t i = 0; i < s.events; ++i) {
        // Fewer customers reach each later stage, a few days apart.
        const auto customer = rng() % static_cast<std::uint64_t>(s.customers / 2);
        const auto stage = std::min<std::uint64_t>(4, static_cast<std::uint64_t>(std::log2(1 + rng() % 31)));
        events.push_back({"cust-" + std::to_string(customer), stages[stage], touchpoints[rng() % 5],
                          first_ms + static_cast<std::int64_t>(customer % 300 + stage * 3) * day_ms});
    }
    customers.add_events(events, end_ms);
    std::cerr << "generated in " << seconds_since(start) << " s\n";
}

}  // namespace

int main(int argc, char** argv)
{
    bench_settings s;
    CLI::App app{"Times every metric view over a synthetic database while answers keep arriving"};
    app.add_option("--answers", s.answers, "Score answers to generate")->capture_default_str();
    app.add_option("--customers", s.customers, "Customers to generate")->capture_default_str();
    app.add_option("--events", s.events, "Journey events to generate")->capture_default_str();
    app.add_option("--arrivals", s.arrivals_per_second, "Answers written per second while timing")->capture_default_str();
    app.add_option("--runs", s.runs, "Timings per view")->capture_default_str();
    app.add_option("--db", s.db, "Database file (default /tmp/opinia-bench-<answers>.db)");
    app.add_flag("--reuse", s.reuse, "Use an existing database of that name instead of generating one");
    app.add_option("--only", s.only, "Time only the views of this name (e.g. at-risk)");
    CLI11_PARSE(app, argc, argv);
    if (s.db.empty()) s.db = "/tmp/opinia-bench-" + std::to_string(s.answers) + ".db";

    if (!s.reuse || !std::filesystem::exists(s.db)) generate(s);

    store::database db({s.db});
    server::metrics_views views(db, now_ms);
    auto start = clock_type::now();
    views.view("summary", {});
    std::cout << "database " << s.db << ": first load of the answer cache " << std::fixed << std::setprecision(2)
              << seconds_since(start) << " s\n";

    // Answers keep arriving from another connection while the views are timed.
    std::atomic<bool> stop{false};
    std::atomic<std::int64_t> arrived{0};
    std::thread arrivals([&] {
        store::database writer_db({s.db});
        store::response_store writer(writer_db);
        std::mt19937_64 rng(7);
        // Ids never used before, so each run's arrivals are new answers, not repeats of the last run's.
        std::int64_t index = now_ms() * 1000;
        while (!stop) {
            const auto tick = clock_type::now();
            std::vector<store::conversation_write> batch;
            for (int i = 0; i < s.arrivals_per_second / 20; ++i) batch.push_back(make_conversation(rng, index++, now_ms(), s));
            writer.commit(batch);
            for (const auto& w : batch) arrived += static_cast<std::int64_t>(w.answers.size());
            std::this_thread::sleep_until(tick + std::chrono::milliseconds(50));
        }
    });

    const std::vector<std::pair<std::string, server::metrics_views::params>> cases{
        {"summary", {}},
        {"summary", {{"flow", "nps"}, {"segment", "agent:anna"}}},
        {"trend", {{"bucket", "week"}, {"tz", "Europe/Warsaw"}}},
        {"trend", {{"bucket", "day"}, {"tz", "America/New_York"}}},
        {"trend", {{"bucket", "month"}, {"segment", "attribute:plan:pro"}}},
        {"segments", {{"by", "agent"}}},
        {"segments", {{"by", "attribute:plan"}}},
        {"compare", {{"from", "2000-01-01"}, {"to", "2100-01-01"}, {"compare_from", "2000-01-01"}, {"compare_to", "2100-01-01"}}},
        {"funnel", {}},
        {"churn", {{"by", "plan"}, {"from", "2000-01-01"}, {"to", "2100-01-01"}}},
        {"churn", {{"from", "2024-01-01"}, {"to", "2026-12-31"}, {"bucket", "day"}, {"tz", "Europe/Warsaw"}}},
        {"journey", {}},
        {"journey", {{"touchpoint", "shop"}, {"from", "2025-01-01"}, {"to", "2026-12-31"}}},
        {"at-risk", {}},
        {"themes", {}},
        {"themes", {{"q", "delivery"}}},
    };
    std::cout << std::left << std::setw(58) << "view" << std::right << std::setw(10) << "median ms" << std::setw(10)
              << "max ms" << '\n';
    for (const auto& [name, params] : cases) {
        if (!s.only.empty() && name != s.only) continue;
        std::vector<double> ms;
        for (int r = 0; r < s.runs; ++r) {
            const auto t = clock_type::now();
            views.view(name, params);
            ms.push_back(seconds_since(t) * 1000.0);
        }
        std::sort(ms.begin(), ms.end());
        std::string label = name;
        for (const auto& [k, v] : params) label += " " + k + "=" + v;
        std::cout << std::left << std::setw(58) << label.substr(0, 57) << std::right << std::setw(10)
                  << std::setprecision(1) << ms[ms.size() / 2] << std::setw(10) << ms.back() << '\n';
    }
    stop = true;
    arrivals.join();
    std::cout << "answers that arrived while timing: " << arrived << "; in the cache now: " << views.view("summary", {})["nps"]["n"]
              << " NPS answers\n";
    return 0;
}
