// response_funnel: offered → started → completed → explained, with response and completion rates.
#pragma once
#include <cstdint>
#include <optional>
#include <nlohmann/json.hpp>

namespace opinia::metrics {

struct response_funnel {
    std::int64_t offered = 0;    // invites created or surveys shown
    std::int64_t started = 0;    // at least one answer
    std::int64_t completed = 0;  // the flow reached done
    std::int64_t explained = 0;  // a non-empty "why"

    std::optional<double> response_rate() const;    // started ÷ offered; nullopt for 0 offered
    std::optional<double> completion_rate() const;  // completed ÷ started; nullopt for 0 started
};

// {"offered","started","completed","explained","response_rate","completion_rate"}; rates are shares 0…1.
void to_json(nlohmann::json& j, const response_funnel& f);

// part ÷ whole in floating point, nullopt when whole is 0: "n/a", never 100 % or NaN.
std::optional<double> ratio(std::int64_t part, std::int64_t whole);

}  // namespace opinia::metrics
