// attempt_budget: a token bucket for costly attempts (admin password checks), with the time passed in.
#pragma once
#include <cstdint>

namespace opinia::server {

// Each password check costs the one io thread about 100 ms of scrypt: a flood of wrong guesses would
// stall every chat. Failed attempts spend the budget, which refills at `per_second`; when it is empty,
// attempts are refused before any hashing.
class attempt_budget {
public:
    attempt_budget(double per_second, double burst) : per_second_(per_second), burst_(burst), tokens_(burst) {}

    // True when an attempt may be made now.
    bool allows(std::int64_t now_ms);
    // Spends one token for an attempt that failed.
    void record_failure(std::int64_t now_ms);
    // Milliseconds until the next attempt is allowed (0 when one is allowed now).
    std::int64_t wait_ms(std::int64_t now_ms);

private:
    void refill(std::int64_t now_ms);

    double per_second_;
    double burst_;
    double tokens_;
    std::int64_t at_ms_ = 0;
};

}  // namespace opinia::server
