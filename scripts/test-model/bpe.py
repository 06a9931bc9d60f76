"""A small CLIP-style byte-level BPE: training, encoding (as clip/simple_tokenizer.py does) and
export in the Hugging Face `tokenizers` JSON format used by CLIP's tokenizer.json."""

import collections
import re
import unicodedata

BOS = "<|startoftext|>"
EOS = "<|endoftext|>"
CONTEXT_LENGTH = 77


def bytes_to_unicode():
    """CLIP/GPT-2 byte -> printable unicode character table (insertion order = vocab order)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_ENCODER = bytes_to_unicode()

# CLIP's pre-tokenisation pattern. Python's `re` has no \p{L}; [^\W\d_] (a unicode word
# character that is not a digit or underscore) stands in for it, which is exact for the ASCII
# text used here.
_LETTERS = r"[^\W\d_]+"
_PAT = re.compile(r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|" + _LETTERS + r"|\d|(?:[^\s\w]|_)+",
                  re.IGNORECASE)


def normalise(text):
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\s+", " ", text)
    return text.lower()


def pre_tokenize(text):
    return _PAT.findall(normalise(text))


def word_symbols(word):
    """Byte-level symbols of a pre-token with the end-of-word marker on the last one."""
    chars = [BYTE_ENCODER[b] for b in word.encode("utf-8")]
    return tuple(chars[:-1]) + (chars[-1] + "</w>",)


def train_bpe(word_counts, num_merges):
    """Classic BPE training (Sennrich et al.) on {word: count}. Returns a list of merges.

    Ties are broken deterministically (higher count first, then lexicographically smaller
    pair). A merge whose result string is already a token is skipped so that every merge
    yields a distinct vocabulary entry (as in CLIP's vocabulary)."""
    words = {word_symbols(w): c for w, c in sorted(word_counts.items())}
    tokens = set(BYTE_ENCODER.values()) | {v + "</w>" for v in BYTE_ENCODER.values()}
    merges = []
    banned = set()
    while len(merges) < num_merges:
        pairs = collections.Counter()
        for sym, c in words.items():
            for a, b in zip(sym, sym[1:]):
                pairs[(a, b)] += c
        candidates = [(c, p) for p, c in pairs.items() if p not in banned]
        if not candidates:
            break
        best_count = max(c for c, _ in candidates)
        best = min(p for c, p in candidates if c == best_count)
        merged = best[0] + best[1]
        if merged in tokens:
            banned.add(best)
            continue
        tokens.add(merged)
        merges.append(best)
        new_words = {}
        for sym, c in words.items():
            out = []
            i = 0
            while i < len(sym):
                if i < len(sym) - 1 and sym[i] == best[0] and sym[i + 1] == best[1]:
                    out.append(merged)
                    i += 2
                else:
                    out.append(sym[i])
                    i += 1
            new_words[tuple(out)] = new_words.get(tuple(out), 0) + c
        words = new_words
    return merges


class ClipBPE:
    """Encoder equivalent to clip/simple_tokenizer.py for a given merge list."""

    def __init__(self, merges):
        self.merges = [tuple(m) for m in merges]
        self.ranks = {m: i for i, m in enumerate(self.merges)}
        vocab = list(BYTE_ENCODER.values())
        vocab = vocab + [v + "</w>" for v in vocab]
        vocab += ["".join(m) for m in self.merges]
        vocab += [BOS, EOS]
        assert len(set(vocab)) == len(vocab), "duplicate vocabulary entries"
        self.vocab = vocab
        self.encoder = {t: i for i, t in enumerate(vocab)}
        self.bos_id = self.encoder[BOS]
        self.eos_id = self.encoder[EOS]

    def bpe(self, word):
        sym = list(word_symbols(word))
        while len(sym) > 1:
            pairs = [(self.ranks.get((a, b), 1 << 60), i) for i, (a, b) in enumerate(zip(sym, sym[1:]))]
            rank, _ = min(pairs)
            if rank == 1 << 60:
                break
            a, b = self.merges[rank]
            out = []
            i = 0
            while i < len(sym):
                if i < len(sym) - 1 and sym[i] == a and sym[i + 1] == b:
                    out.append(a + b)
                    i += 2
                else:
                    out.append(sym[i])
                    i += 1
            sym = out
        return sym

    def tokens(self, text):
        out = []
        for w in pre_tokenize(text):
            if w in (BOS, EOS):
                out.append(w)
            else:
                out.extend(self.bpe(w))
        return out

    def encode(self, text, context_length=CONTEXT_LENGTH):
        """[BOS] + ids + [EOS], truncated to context_length keeping EOS last."""
        ids = [self.encoder[t] for t in self.tokens(text)]
        ids = ids[: context_length - 2]
        return [self.bos_id] + ids + [self.eos_id]

    def encode_padded(self, texts, length=None):
        """Batch encode; pads with the end token id (CLIP's pad token)."""
        enc = [self.encode(t) for t in texts]
        n = length or max(len(e) for e in enc)
        return [e + [self.eos_id] * (n - len(e)) for e in enc]

    # -----------------------------------------------------------------------------------------
    def tokenizer_json(self):
        """tokenizer.json with the same structure as CLIP's Hugging Face tokenizer."""
        return {
            "version": "1.0",
            "truncation": {"direction": "Right", "max_length": CONTEXT_LENGTH, "strategy": "LongestFirst", "stride": 0},
            "padding": None,
            "added_tokens": [
                {"id": self.bos_id, "content": BOS, "single_word": False, "lstrip": False, "rstrip": False,
                 "normalized": False, "special": True},
                {"id": self.eos_id, "content": EOS, "single_word": False, "lstrip": False, "rstrip": False,
                 "normalized": False, "special": True},
            ],
            "normalizer": {"type": "Sequence", "normalizers": [
                {"type": "NFC"},
                {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "},
                {"type": "Lowercase"},
            ]},
            "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                {"type": "Split", "pattern": {"Regex": "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+"},
                 "behavior": "Removed", "invert": True},
                {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
            ]},
            "post_processor": {"type": "RobertaProcessing", "sep": [EOS, self.eos_id], "cls": [BOS, self.bos_id],
                               "trim_offsets": False, "add_prefix_space": False},
            "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
            "model": {
                "type": "BPE",
                "dropout": None,
                "unk_token": EOS,
                "continuing_subword_prefix": "",
                "end_of_word_suffix": "</w>",
                "fuse_unk": False,
                "byte_fallback": False,
                "ignore_merges": False,
                "vocab": {t: i for i, t in enumerate(self.vocab)},
                "merges": [list(m) for m in self.merges],
            },
        }

    @staticmethod
    def tokenizer_config():
        return {
            "backend": "tokenizers",
            "bos_token": BOS,
            "eos_token": EOS,
            "model_max_length": CONTEXT_LENGTH,
            "pad_token": EOS,
            "tokenizer_class": "CLIPTokenizer",
            "unk_token": EOS,
        }

    @staticmethod
    def special_tokens_map():
        tok = lambda s: {"content": s, "lstrip": False, "normalized": False, "rstrip": False, "single_word": False}  # noqa: E731
        return {"bos_token": tok(BOS), "eos_token": tok(EOS), "pad_token": tok(EOS), "unk_token": tok(EOS)}


# A few hundred common English words (plus picture, colour and shape vocabulary) so that
# ordinary labels typed into the app tokenize to few tokens.
COMMON_WORDS = """
the of and to a in is it you that he was for on are with as i his they be at one have this from
or had by hot word but what some we can out other were all there when up use your how said an
each she which do their time if will way about many then them write would like so these her long
make thing see him two has look more day could go come did number sound no most people my over
know water than call first who may down side been now find any new work part take get place made
live where after back little only round man year came show every good me give our under name very
through just form sentence great think say help low line differ turn cause much mean before move
right boy old too same tell does set three want air well also play small end put home read hand
port large spell add even land here must big high such follow act why ask men change went light
kind off need house picture try us again animal point mother world near build self earth father
head stand own page should country found answer school grow study still learn plant cover food sun
four between state keep eye never last let thought city tree cross farm hard start might story saw
far sea draw left late run don't while press close night real life few north open seem together
next white children begin got walk example ease paper group always music those both mark often
letter until mile river car feet care second book carry took science eat room friend began idea
fish mountain stop once base hear horse cut sure watch color colour face wood main enough plain
girl usual young ready above ever red list though feel talk bird soon body dog family direct pose
leave song measure door product black short numeral class wind question happen complete ship area
half rock order fire south problem piece told knew pass since top whole king space heard best hour
better true during hundred five remember step early hold west ground interest reach fast verb sing
listen six table travel less morning ten simple several vowel toward war lay against pattern slow
center centre love person money serve appear road map rain rule govern pull cold notice voice unit
power town fine certain fly fall lead cry dark machine note wait plan figure star box noun field
rest correct able pound done beauty drive stood contain front teach week final gave green quick
develop ocean warm free minute strong special mind behind clear tail produce fact street inch
multiply nothing course stay wheel full force blue object decide surface deep moon island foot
system busy test record boat common gold possible plane stead dry wonder laugh thousand ago ran
check game shape equate miss brought heat snow tire bring yes distant fill east paint language
among photo photograph image drawing sketch painting rendering render illustration icon logo
symbol sign cartoon clipart diagram shot close-up blurry bright dark tiny large medium circle
circles square squares triangle triangles star stars heart hearts cross crosses rectangle oval
ellipse diamond pentagon hexagon octagon polygon arrow line lines dot dots spot ring disc disk
sphere cube cone cylinder pyramid crescent moon cloud flower leaf tree sun
red orange yellow green blue purple violet pink brown black white gray grey cyan magenta teal
navy maroon olive lime gold silver beige turquoise indigo lavender colorful colourful colored
coloured solid filled outline striped dotted shiny glossy matte light dark pale deep
cat cats dog dogs bird birds fish horse cow sheep pig chicken duck rabbit mouse lion tiger bear
elephant monkey giraffe zebra snake frog turtle butterfly bee spider insect animal animals pet
car cars truck bus bicycle bike motorcycle train airplane plane boat ship rocket
person people man woman child boy girl baby face hand eye smile
house building city street road bridge tower castle church room kitchen bedroom window door wall
table chair bed sofa couch lamp clock phone computer laptop keyboard screen television tv camera
book pen pencil paper bottle cup glass mug plate bowl spoon fork knife bag hat shoe shirt dress
apple banana orange grape strawberry lemon cherry pizza burger sandwich cake bread cookie
mountain beach ocean lake river forest desert field garden park sky sunset snow grass rock
a an the this that on in of with and or at by for from background foreground centered middle
corner left right top bottom upper lower front back inside outside near above below
small big huge little large tiny short tall wide narrow round flat smooth rough soft hard
one two three four five six seven eight nine ten many some several single pair group
""".split()
