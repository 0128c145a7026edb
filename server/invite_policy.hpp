// invite_policy: whether a new survey is due for a customer — sampling, throttling, expiry (pure, no I/O).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <nlohmann/json.hpp>

namespace opinia::server {

// How often one flow may be offered, and to what share of customers.
struct flow_invite_rules {
    int throttle_days = 30;        // no new survey within this many days of the last one offered (0: never throttle)
    double sample_percent = 100;   // share of customers who are ever asked, sticky per customer
};

struct invite_settings {
    int expiry_days = 7;           // an invite not opened by then cannot be used
    int max_expiry_days = 90;      // upper bound for a request's own `expires_in_days`
    std::string public_url;        // base of survey links, e.g. https://feedback.example; empty: from Host
    flow_invite_rules defaults;
    std::map<std::string, flow_invite_rules> flows;  // per flow name; others use `defaults`

    const flow_invite_rules& rules_for(const std::string& flow) const;
};

// Reads {"expiry_days", "public_url", "throttle_days", "sample_percent", "flows": {name: {...}}}.
// Throws std::runtime_error naming the key when a value has the wrong type or range.
void read_invite_settings(const nlohmann::json& config, invite_settings& settings);

// A stable number in [0, 100) for (flow, customer): the same customer is always in or always out.
double sample_position(const std::string& flow, const std::string& customer_id);

enum class invite_outcome { create, sampled_out, throttled };

struct invite_decision {
    invite_outcome outcome = invite_outcome::create;
    std::optional<std::int64_t> next_allowed_at_ms;  // when throttled
};

// `last_offered_at_ms`: the last survey offered to this customer on any channel, if any.
invite_decision decide_invite(const flow_invite_rules& rules, const std::string& flow, const std::string& customer_id,
                              std::optional<std::int64_t> last_offered_at_ms, std::int64_t now_ms);

}  // namespace opinia::server
