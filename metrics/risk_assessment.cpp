// risk_assessment: counting signals and applying the single-low-CES exception.
#include "metrics/risk_assessment.hpp"
#include <algorithm>
#include <date/date.h>
#include "metrics/at_risk_ranking.hpp"
#include "metrics/score_scale.hpp"

namespace opinia::metrics {

namespace {

bool is_good(const scored_answer& a)
{
    const score_scale scale{a.scale_min, a.scale_max};
    const auto cut = a.good_from > a.scale_min && a.good_from <= a.scale_max
                         ? std::optional<int>(a.good_from)
                         : default_good_from(a.question_type, scale);
    return cut && a.value >= *cut;
}

bool is_detractor(const scored_answer& a) { return a.scale_min == 0 && a.scale_max == 10 && a.value <= 6; }

bool is_difficult(const scored_answer& a)
{
    if (a.scale_min == 1 && a.scale_max == 7) return a.value <= 3;
    if (a.scale_min == 1 && a.scale_max == 5) return a.value <= 2;
    return false;
}

bool csat_known(const scored_answer& a) { return default_good_from("csat", {a.scale_min, a.scale_max}) || a.good_from > a.scale_min; }

}  // namespace

risk_signals find_risk_signals(const customer_latest& c)
{
    risk_signals r;
    const auto add = [&r](const char* reason, const scored_answer& a) {
        r.reasons[r.count] = reason;
        r.answers[r.count] = &a;
        r.latest_ms = r.count == 0 ? a.at_ms : std::max(r.latest_ms, a.at_ms);
        ++r.count;
    };
    if (c.nps && is_detractor(*c.nps)) add("nps_detractor", *c.nps);
    if (c.csat && csat_known(*c.csat) && !is_good(*c.csat)) add("csat_not_satisfied", *c.csat);
    if (c.ces && is_difficult(*c.ces)) add("ces_difficult", *c.ces);
    // The seed's example: one bad effort score from an otherwise happy customer is not a churn risk.
    const bool happy = c.nps && is_good(*c.nps) && c.csat && is_good(*c.csat);
    if (r.count == 1 && c.ces && r.answers[0] == &*c.ces && happy) r = {};
    return r;
}

std::optional<at_risk_customer> assess_customer(const customer_latest& c)
{
    const auto found = find_risk_signals(c);
    if (!found.at_risk()) return std::nullopt;
    at_risk_customer r{c.customer, found.high() ? "high" : "watch", {}};
    for (std::size_t i = 0; i < found.count; ++i) r.signals.push_back({found.reasons[i], *found.answers[i]});
    return r;
}

std::vector<at_risk_customer> assess_risk(const std::vector<customer_latest>& customers)
{
    at_risk_ranking ranking(customers.size());
    for (const auto& c : customers) ranking.add(c);
    return ranking.take_listed();
}

nlohmann::json at_risk_json(std::int64_t high, std::int64_t watch, const std::vector<at_risk_customer>& listed)
{
    auto customers = nlohmann::json::array();
    for (const auto& c : listed) {
        auto signals = nlohmann::json::array();
        for (const auto& s : c.signals)
            signals.push_back({{"reason", s.reason},
                               {"type", s.answer.question_type},
                               {"value", s.answer.value},
                               {"scale", score_scale{s.answer.scale_min, s.answer.scale_max}.label()},
                               {"at", date::format("%FT%TZ", date::sys_time<std::chrono::milliseconds>{
                                                                 std::chrono::milliseconds{s.answer.at_ms}})},
                               {"conversation", s.answer.conversation}});
        customers.push_back({{"customer", c.customer}, {"level", c.level}, {"signals", std::move(signals)}});
    }
    return {{"high", high}, {"watch", watch}, {"customers", std::move(customers)}};
}

nlohmann::json at_risk_json(const std::vector<at_risk_customer>& list, std::size_t limit)
{
    std::int64_t high = 0, watch = 0;
    for (const auto& c : list) (c.level == "high" ? high : watch) += 1;
    const std::vector<at_risk_customer> listed(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(std::min(limit, list.size())));
    return at_risk_json(high, watch, listed);
}

}  // namespace opinia::metrics
