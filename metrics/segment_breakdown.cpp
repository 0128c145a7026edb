// segment_breakdown: one summary per segment value.
#include "metrics/segment_breakdown.hpp"
#include <algorithm>

namespace opinia::metrics {

bool is_segment_dimension(std::string_view d)
{
    static constexpr std::string_view known[] = {"flow", "channel", "agent", "touchpoint", "stage", "locale"};
    if (std::find(std::begin(known), std::end(known), d) != std::end(known)) return true;
    return d.starts_with("attribute:") && d.size() > std::string_view("attribute:").size();
}

nlohmann::json segments_json(const std::string& dimension,
                             const std::map<std::string, std::vector<store::score_count>>& counts)
{
    struct row {
        std::string value;
        std::int64_t n;
        nlohmann::json json;
    };
    std::vector<row> rows;
    for (const auto& [value, c] : counts) {
        std::int64_t n = 0;
        for (const auto& x : c) n += x.count;
        nlohmann::json j = summarize_scores(c);
        j["value"] = value;
        j["n"] = n;
        rows.push_back({value, n, std::move(j)});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const row& a, const row& b) { return a.n > b.n; });
    auto list = nlohmann::json::array();
    for (auto& r : rows) list.push_back(std::move(r.json));
    return {{"dimension", dimension}, {"segments", std::move(list)}};
}

}  // namespace opinia::metrics
