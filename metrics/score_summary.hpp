// score_summary: NPS, CSAT and CES together — the Summary JSON of interfaces.md, from one set of counts.
#pragma once
#include <vector>
#include <nlohmann/json.hpp>
#include "metrics/ces_summary.hpp"
#include "metrics/csat_summary.hpp"
#include "metrics/nps_summary.hpp"
#include "store/answer_filter.hpp"

namespace opinia::metrics {

struct score_summary {
    nps_summary nps;
    csat_summary csat;
    ces_summary ces;
};

score_summary summarize_scores(const std::vector<store::score_count>& counts);

void to_json(nlohmann::json& j, const score_summary& s);

// The Summary JSON ({"nps","csat","ces"}, unrounded, null scores when n = 0) that the API,
// the admin page and `opinia report` all print, so one question never has two answers.
nlohmann::json summary_json(const std::vector<store::score_count>& counts);

}  // namespace opinia::metrics
