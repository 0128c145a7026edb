// score_summary: assembling the three score summaries.
#include "metrics/score_summary.hpp"

namespace opinia::metrics {

score_summary summarize_scores(const std::vector<store::score_count>& counts) {
    return score_summary{summarize_nps(counts), summarize_csat(counts), summarize_ces(counts)};
}

void to_json(nlohmann::json& j, const score_summary& s) {
    j = nlohmann::json{{"nps", s.nps}, {"csat", s.csat}, {"ces", s.ces}};
}

nlohmann::json summary_json(const std::vector<store::score_count>& counts) {
    return summarize_scores(counts);
}

}  // namespace opinia::metrics
