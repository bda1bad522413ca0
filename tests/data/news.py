"""Real-style news texts for detection tests, one language each."""

ARABIC_NEWS = [
    "أعلنت وزارة الصحة الفلسطينية في غزة، الأحد، ارتفاع عدد الضحايا جراء القصف المتواصل على القطاع، فيما دعت منظمات دولية إلى وقف فوري لإطلاق النار وإدخال المساعدات الإنسانية دون قيود.",
    "قال البنك المركزي المصري إنه قرر تثبيت أسعار الفائدة للمرة الثالثة على التوالي، مشيراً إلى أن معدلات التضخم بدأت في التراجع خلال الأشهر الأخيرة بعد موجة ارتفاع حادة.",
    "وصل وزير الخارجية السعودي إلى عمّان في زيارة رسمية يلتقي خلالها العاهل الأردني، لبحث العلاقات الثنائية وتطورات الأوضاع في المنطقة.",
    "أكد رئيس الوزراء العراقي أن الحكومة ماضية في تنفيذ برنامجها الاقتصادي، وأن مشاريع البنية التحتية في البصرة ستنجز قبل نهاية العام المقبل.",
]
ENGLISH_NEWS = [
    "The European Central Bank left interest rates unchanged on Thursday, saying inflation was falling towards its target but warning that risks to growth remained tilted to the downside.",
    "Rescue teams in southern Turkey pulled three people alive from the rubble of a collapsed building on Monday, more than 48 hours after the earthquake struck the region.",
    "Saudi Arabia's foreign minister arrived in Amman for talks with Jordan's king on bilateral ties and the situation in the region, state media reported.",
    "Shares in Asia rose for a third day as investors bet that the Federal Reserve had finished raising rates, with Tokyo's Nikkei index closing at its highest level in decades.",
]
SHORT_ARABIC = ["وصل الرئيس إلى موسكو.", "انفجار في بيروت", "ارتفاع أسعار النفط اليوم", "هل انتهت الحرب؟"]
SHORT_ENGLISH = ["Russia strikes Syrian rebels.", "Putin meets Sharaa in Moscow", "Oil prices rise again", "Is the war over?"]
OTHER_LANGUAGES = {
    "fr": "Le ministre des Affaires étrangères est arrivé lundi à Moscou pour des discussions sur la situation en Syrie et la coopération économique entre les deux pays.",
    "es": "El ministro de Asuntos Exteriores llegó el lunes a Moscú para mantener conversaciones sobre la situación en Siria y la cooperación económica entre ambos países.",
    "de": "Der Außenminister ist am Montag zu Gesprächen über die Lage in Syrien und die wirtschaftliche Zusammenarbeit beider Länder in Moskau eingetroffen.",
    "fa": "وزیر امور خارجه روز دوشنبه برای گفتگو درباره اوضاع سوریه و همکاری‌های اقتصادی میان دو کشور وارد مسکو شد.",
    "ur": "وزیر خارجہ پیر کے روز شام کی صورتحال اور دونوں ملکوں کے درمیان اقتصادی تعاون پر بات چیت کے لیے ماسکو پہنچے۔",
    "tr": "Dışişleri Bakanı, Suriye'deki durum ve iki ülke arasındaki ekonomik işbirliği hakkında görüşmeler yapmak üzere pazartesi günü Moskova'ya geldi.",
}
