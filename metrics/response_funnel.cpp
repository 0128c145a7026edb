// response_funnel: rates with a null for a 0 denominator.
#include "metrics/response_funnel.hpp"

namespace opinia::metrics {

std::optional<double> ratio(std::int64_t part, std::int64_t whole)
{
    if (whole == 0) return std::nullopt;
    return static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> response_funnel::response_rate() const { return ratio(started, offered); }
std::optional<double> response_funnel::completion_rate() const { return ratio(completed, started); }

void to_json(nlohmann::json& j, const response_funnel& f)
{
    const auto or_null = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    j = {{"offered", f.offered},
         {"started", f.started},
         {"completed", f.completed},
         {"explained", f.explained},
         {"response_rate", or_null(f.response_rate())},
         {"completion_rate", or_null(f.completion_rate())}};
}

}  // namespace opinia::metrics
