// Tests of customer_cache: its churn tallies, lifetimes and journey events equal what customer_store reads in SQL, also after customers change.
#include <algorithm>
#include <random>
#include <catch2/catch.hpp>
#include "store/customer_cache.hpp"
#include "store/customer_store.hpp"
#include "store/database.hpp"

using namespace opinia::store;

namespace {

const char* const plans[] = {"basic", "pro", "team", ""};  // "" is stored as a value, not as "none"
const char* const touchpoints[] = {"site", "shop", ""};

std::vector<customer_record> random_customers(std::mt19937& rng, int count)
{
    std::vector<customer_record> out;
    for (int i = 0; i < count; ++i) {
        customer_record c;
        c.id = "u" + std::to_string(i);
        if (rng() % 4) c.active_from_ms = static_cast<std::int64_t>(rng() % 1000);
        if (rng() % 3 == 0) c.churned_at_ms = 1000 + static_cast<std::int64_t>(rng() % 1000);
        if (rng() % 5) c.churned = rng() % 2 == 0;
        if (rng() % 6) c.attributes.emplace_back("plan", plans[rng() % 4]);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<journey_event_record> random_events(std::mt19937& rng, int count)
{
    std::vector<journey_event_record> out;
    for (int i = 0; i < count; ++i)
        out.push_back({"u" + std::to_string(rng() % 60), std::string(journey_stage_names[rng() % 5]),
                       touchpoints[rng() % 3], static_cast<std::int64_t>(rng() % 5000)});
    return out;
}

bool same_churn(const std::map<std::string, churn_count>& a, const std::map<std::string, churn_count>& b)
{
    if (a.size() != b.size()) return false;
    for (const auto& [value, count] : a) {
        const auto it = b.find(value);
        if (it == b.end() || it->second.customers != count.customers || it->second.churned != count.churned) return false;
    }
    return true;
}

auto span_key(const customer_span& s) { return std::make_pair(s.active_from_ms.value_or(-1), s.churned_at_ms.value_or(-1)); }

std::vector<std::pair<std::int64_t, std::int64_t>> span_keys(const std::vector<customer_span>& spans)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& s : spans) out.push_back(span_key(s));
    std::sort(out.begin(), out.end());
    return out;
}

// Events as sorted (customer, stage, time) triples, to compare two lists in any order.
std::vector<std::tuple<std::string, std::string, std::int64_t>> event_keys(const std::vector<journey_event_record>& events)
{
    std::vector<std::tuple<std::string, std::string, std::int64_t>> out;
    for (const auto& e : events) out.emplace_back(e.customer_id, e.stage, e.occurred_at_ms);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("The customer cache reads what SQL reads, also after customers change and events arrive", "[cache]")
{
    database db({":memory:"});
    customer_store sql(db);
    customer_cache cache(db);
    std::mt19937 rng(11);
    auto customers = random_customers(rng, 50);
    sql.upsert(customers, 1);
    sql.add_events(random_events(rng, 200), 1);

    for (int round = 0; round < 3; ++round) {
        INFO("round " << round);
        cache.refresh();
        CHECK(same_churn(cache.snapshot_churn(""), sql.snapshot_churn("")));
        CHECK(same_churn(cache.snapshot_churn("plan"), sql.snapshot_churn("plan")));
        CHECK(same_churn(cache.snapshot_churn("no-such"), sql.snapshot_churn("no-such")));
        CHECK(span_keys(cache.spans()) == span_keys(sql.spans()));
        for (const std::string touchpoint : {"", "site", "nowhere"}) {
            INFO("touchpoint '" << touchpoint << "'");
            const auto cached = cache.events(1000, 4000, touchpoint);
            const auto stored = sql.events(1000, 4000, touchpoint);
            // Numbered events back to ids, through the cache's own numbering.
            std::vector<journey_event_record> named;
            for (const auto& e : cached) {
                std::string id;
                for (int i = 0; i < 60 && id.empty(); ++i)
                    if (cache.index_of("u" + std::to_string(i)) == e.customer) id = "u" + std::to_string(i);
                named.push_back({id, std::string(journey_stage_names[e.stage]), "", e.at_ms});
            }
            CHECK(event_keys(named) == event_keys(stored));
        }
        // Next round: some customers change plan, churn or lifetime, some are new, and more events arrive.
        auto changes = random_customers(rng, 70);
        changes.erase(changes.begin(), changes.begin() + 30);
        sql.upsert(changes, 2);  // every round stamps the same time: the cache must see each change all the same
        sql.add_events(random_events(rng, 50), 2);
    }
    cache.refresh();  // the last round's changes
    const auto before = cache.customers_version();
    cache.refresh();
    CHECK(cache.customers_version() == before);  // nothing changed, nothing re-read
}
