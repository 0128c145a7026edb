// segment_breakdown: scores split by one dimension (flow, channel, agent, touchpoint, stage, locale, attribute).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "metrics/score_summary.hpp"

namespace opinia::metrics {

// The dimensions answers can be split by; "attribute:NAME" names a customer attribute.
bool is_segment_dimension(std::string_view dimension);

// {"dimension","segments":[{"value","n","nps","csat","ces"}]}, largest segment first; an empty
// value is shown as "" (answers offered without that context).
nlohmann::json segments_json(const std::string& dimension,
                             const std::map<std::string, std::vector<store::score_count>>& counts);

}  // namespace opinia::metrics
