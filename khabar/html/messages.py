"""Arabic words for what the server refuses: the message a page shows above the engine's English detail."""
from __future__ import annotations

REFUSED = {  # HTTP status -> what it means for the person who sent the query
    400: "تعذّر فهم الاستعلام: راجع صياغته (الأقواس، والنقاط بين الأنماط، والبادئات المعرّفة).",
    403: "هذه النقطة للقراءة فقط: لا يُقبل استعلام يغيّر البيانات.",
    413: "الاستعلام أطول مما يُقبل.",
    429: "لك استعلام قيد التنفيذ الآن؛ انتظر انتهاءه ثم أعد المحاولة.",
    500: "تعطّل تنفيذ الاستعلام في الخادم؛ أعد المحاولة بعد قليل.",
    503: "لم يكتمل الاستعلام: انتهت مهلته أو الخادم مشغول؛ ضيّقه أو حدّد عدد النتائج، أو أعد المحاولة بعد قليل.",
    507: "النتيجة أكبر مما يُسمح به؛ حدّد عدد النتائج أو ضيّق الاستعلام.",
}
REFUSED_400 = (  # a phrase of the engine's detail -> a closer Arabic reason
    ("SERVICE", "لا يُسمح لاستعلام هنا بطلب خدمة أخرى على الشبكة."),
    ("nested", "الاستعلام متداخل أكثر مما يُسمح به؛ قلّل الأقواس المتداخلة."),
    ("empty query", "الاستعلام فارغ: اكتب استعلام SPARQL ثم نفّذه."),
)
OTHER = "رُفض الاستعلام."


def refused(status: int, detail: str = "") -> str:
    """An Arabic sentence for a refused query (its HTTP `status` and the engine's English `detail`)."""
    if status == 400:
        for phrase, words in REFUSED_400:
            if phrase in detail:
                return words
    return REFUSED.get(status, OTHER)
