// stop_words: hand-made lists of articles, pronouns, auxiliaries, prepositions and conjunctions.
#include "metrics/stop_words.hpp"
#include <string>
#include <unordered_set>

namespace opinia::metrics {

namespace {

const std::unordered_set<std::string_view>& all_stop_words()
{
    static const std::unordered_set<std::string_view> words{
        // English
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "don't",
        "for", "from", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "i'm", "if",
        "in", "into", "is", "it", "it's", "its", "just", "me", "more", "my", "of", "on", "once", "only", "or",
        "other", "our", "out", "over", "so", "some", "such", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "this", "those", "to", "too", "up", "us", "was", "we", "were", "what", "when",
        "where", "which", "while", "who", "why", "will", "with", "would", "you", "your", "get", "got", "one",
        // Polish
        "a", "aby", "ale", "bardzo", "bez", "bo", "by", "był", "była", "było", "były", "być", "będzie", "chociaż",
        "co", "czy", "dla", "do", "gdy", "gdzie", "i", "ich", "ile", "im", "inne", "iż", "ja", "jak", "jako", "je",
        "jego", "jej", "jest", "jestem", "jeszcze", "jeśli", "już", "każdy", "kiedy", "kto", "która", "które",
        "który", "ma", "mi", "mnie", "mam", "może", "mój", "moja", "na", "nad", "nam", "nas", "nie", "nic", "niż",
        "o", "od", "oraz", "po", "pod", "przez", "przy", "się", "sobie", "są", "ta", "tak", "także", "tam", "te",
        "tego", "tej", "ten", "to", "tu", "tylko", "tym", "u", "w", "we", "więc", "wszystko", "z", "za", "ze",
        "że", "żeby",
        // French
        "à", "au", "aux", "avec", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "elles", "en", "est",
        "et", "être", "eux", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me",
        "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "où", "par", "pas", "pour", "qu", "que",
        "qui", "sa", "se", "ses", "si", "son", "sont", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une",
        "vos", "votre", "vous", "y", "c'est", "ça", "été", "était", "ai", "as", "avons", "avez", "ont", "suis",
        "sommes", "êtes", "fait", "faire", "plus", "très", "trop", "bien", "tout", "tous", "toujours", "comme",
        "aussi", "car", "donc", "peu", "même", "ni", "sans", "chez", "entre", "na", "quand", "lors", "non", "cela",
        "rien", "encore", "déjà", "avoir", "peut", "alors", "dont", "ceux",
    };
    return words;
}

}  // namespace

bool is_stop_word(std::string_view w) { return all_stop_words().count(w) > 0; }

}  // namespace opinia::metrics
