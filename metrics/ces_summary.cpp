// ces_summary: CES from the generic scale summary, in the Summary JSON's words.
#include "metrics/ces_summary.hpp"

namespace opinia::metrics {

namespace {
nlohmann::json or_null(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

ces_summary summarize_ces(const std::vector<store::score_count>& counts) {
    return ces_summary{summarize_scale(counts, "ces")};
}

void to_json(nlohmann::json& j, const ces_summary& s) {
    const auto& a = s.answers;
    auto by_scale = nlohmann::json::array();
    for (const auto& r : a.by_scale) {
        by_scale.push_back({{"scale", r.scale.label()},
                            {"percent_easy", or_null(r.percent())},
                            {"n", r.n},
                            {"easy", r.good},
                            {"mean", or_null(r.mean())}});
    }
    const auto scale = a.scale();
    j = nlohmann::json{
        {"percent_easy", or_null(a.percent())},
        {"n", a.n()},
        {"easy", a.good()},
        {"mean", or_null(a.mean())},
        {"scale", scale ? nlohmann::json(scale->label()) : nlohmann::json(nullptr)},
        {"by_scale", std::move(by_scale)},
    };
}

}  // namespace opinia::metrics
