// attempt_budget: refilled lazily on every look.
#include "server/attempt_budget.hpp"
#include <algorithm>
#include <cmath>

namespace opinia::server {

void attempt_budget::refill(std::int64_t now_ms)
{
    if (now_ms > at_ms_) tokens_ = std::min(burst_, tokens_ + per_second_ * static_cast<double>(now_ms - at_ms_) / 1000.0);
    at_ms_ = std::max(at_ms_, now_ms);
}

bool attempt_budget::allows(std::int64_t now_ms)
{
    refill(now_ms);
    return tokens_ >= 1.0;
}

void attempt_budget::record_failure(std::int64_t now_ms)
{
    refill(now_ms);
    tokens_ = std::max(0.0, tokens_ - 1.0);
}

std::int64_t attempt_budget::wait_ms(std::int64_t now_ms)
{
    refill(now_ms);
    if (tokens_ >= 1.0) return 0;
    return static_cast<std::int64_t>(std::ceil((1.0 - tokens_) / per_second_ * 1000.0));
}

}  // namespace opinia::server
