// csat_summary: CSAT from the generic scale summary, in the Summary JSON's words.
#include "metrics/csat_summary.hpp"

namespace opinia::metrics {

namespace {
nlohmann::json or_null(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

csat_summary summarize_csat(const std::vector<store::score_count>& counts) {
    return csat_summary{summarize_scale(counts, "csat")};
}

void to_json(nlohmann::json& j, const csat_summary& s) {
    const auto& a = s.answers;
    auto by_scale = nlohmann::json::array();
    for (const auto& r : a.by_scale) {
        by_scale.push_back({{"scale", r.scale.label()},
                            {"percent", or_null(r.percent())},
                            {"n", r.n},
                            {"satisfied", r.good},
                            {"mean", or_null(r.mean())}});
    }
    const auto scale = a.scale();
    j = nlohmann::json{
        {"percent", or_null(a.percent())},
        {"n", a.n()},
        {"satisfied", a.good()},
        {"mean", or_null(a.mean())},
        {"scale", scale ? nlohmann::json(scale->label()) : nlohmann::json(nullptr)},
        {"by_scale", std::move(by_scale)},
    };
}

}  // namespace opinia::metrics
