// risk_assessment: at-risk customers from their latest NPS, CSAT and CES answers (metrics.md rule).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "store/answer_filter.hpp"

namespace opinia::metrics {

using store::customer_latest;
using store::scored_answer;

struct risk_signal {
    std::string reason;  // "nps_detractor" | "csat_not_satisfied" | "ces_difficult"
    scored_answer answer;
};

struct at_risk_customer {
    std::string customer;
    std::string level;   // "high" (two or more signals) | "watch" (one)
    std::vector<risk_signal> signals;
};

// Which signals a customer's latest answers give, before any text is copied: at most three.
struct risk_signals {
    std::size_t count = 0;
    const char* reasons[3] = {};
    const scored_answer* answers[3] = {};
    std::int64_t latest_ms = 0;  // the most recent of those answers
    bool at_risk() const { return count > 0; }
    bool high() const { return count >= 2; }
};
risk_signals find_risk_signals(const customer_latest& customer);

// Signals: NPS detractor (0–6); CSAT below its satisfied cut-off; CES difficult (1–3 on 1–7,
// 1–2 on 1–5; other scales give no CES signal). A single low CES from a customer whose latest
// NPS is a promoter and whose CSAT is satisfied is not a risk. None when not at risk.
std::optional<at_risk_customer> assess_customer(const customer_latest& customer);
// Every customer at risk: high first, then most recent.
std::vector<at_risk_customer> assess_risk(const std::vector<customer_latest>& customers);

// {"customers":[{"customer","level","signals":[{"reason","type","value","scale","at","conversation"}]}],"high","watch"}
nlohmann::json at_risk_json(std::int64_t high, std::int64_t watch, const std::vector<at_risk_customer>& listed);
// The same from the whole list, of which the first `limit` are listed.
nlohmann::json at_risk_json(const std::vector<at_risk_customer>& list, std::size_t limit);

}  // namespace opinia::metrics
