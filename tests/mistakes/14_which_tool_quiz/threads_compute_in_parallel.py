# expect: wrong-answer
# Believes threads run Python computations in parallel on several cores (the GIL says no).
# --- Which tool? / Quel outil ? "asyncio", "threads" or "processes" ---------------------------------

# 1. A chat server keeps 10,000 websocket connections open at once on one machine. Each connection
#    waits for a message almost all the time; handling a message takes a few microseconds.
#    Un serveur de discussion garde 10 000 connexions websocket ouvertes en même temps sur une machine.
#    Chaque connexion attend un message presque tout le temps ; traiter un message prend quelques
#    microsecondes.
Q1 = "asyncio"

# 2. Resize 800 photos with a resize function written in pure Python (loops over the pixels), on a
#    machine with 8 cores, as fast as possible.
#    Redimensionner 800 photos avec une fonction écrite en Python pur (des boucles sur les pixels), sur
#    une machine à 8 cœurs, le plus vite possible.
Q2 = "threads"

# 3. A desktop application (tkinter) must stay responsive while it downloads a large file with a
#    library that only offers blocking calls (no async version).
#    Une application de bureau (tkinter) doit rester réactive pendant qu'elle télécharge un gros fichier
#    avec une bibliothèque qui n'offre que des appels bloquants (pas de version async).
Q3 = "threads"

# 4. An asyncio program must call, now and then, one function of a database driver that blocks for
#    about a second (it has no async version), without freezing its other coroutines.
#    Un programme asyncio doit appeler de temps en temps une fonction d'un pilote de base de données qui
#    bloque environ une seconde (il n'a pas de version async), sans figer ses autres coroutines.
Q4 = "threads"

# 5. The same asyncio program must now also run a 10-second computation in pure Python, on another core,
#    while its coroutines keep serving requests.
#    Ce même programme asyncio doit aussi lancer un calcul de 10 secondes en Python pur, sur un autre
#    cœur, pendant que ses coroutines continuent de servir les requêtes.
Q5 = "threads"

# 6. A program waits for 3 timers and 2 network replies at once, and you want task switches to happen
#    only at points you chose and can see in the code, never between two ordinary lines.
#    Un programme attend 3 minuteries et 2 réponses réseau à la fois, et vous voulez que les changements
#    de tâche n'aient lieu qu'aux endroits choisis et visibles dans le code, jamais entre deux lignes
#    ordinaires.
Q6 = "asyncio"

# 7. Workers call a C extension that sometimes crashes with a segmentation fault. A crash must not
#    bring down the main program, which should just start a new worker.
#    Des travailleurs appellent une extension C qui plante parfois (erreur de segmentation). Un plantage
#    ne doit pas faire tomber le programme principal, qui doit simplement relancer un travailleur.
Q7 = "processes"

# --- True or False? / Vrai ou faux ? True or False ---------------------------------------------------

# 8. On CPython (the usual build, with a GIL), a CPU-heavy pure-Python computation split across 4
#    threads runs about 4 times faster on a 4-core machine.
#    Sous CPython (la version habituelle, avec GIL), un calcul lourd en Python pur réparti sur 4 threads
#    va environ 4 fois plus vite sur une machine à 4 cœurs.
Q8 = True

# 9. While a thread waits in time.sleep() or in a blocking read on a socket, other threads of the same
#    process can run Python code.
#    Pendant qu'un thread attend dans time.sleep() ou dans une lecture bloquante sur une socket, les
#    autres threads du même processus peuvent exécuter du code Python.
Q9 = True

# 10. Code that runs in an asyncio event loop never needs a lock, since all coroutines run in a single
#     thread.
#     Du code qui tourne dans une boucle d'événements asyncio n'a jamais besoin de verrou, puisque toutes
#     les coroutines s'exécutent dans un seul thread.
Q10 = False

# 11. Given `async def fetch(): ...`, the statement `fetch()` (without await) runs the body of fetch.
#     Avec `async def fetch(): ...`, l'instruction `fetch()` (sans await) exécute le corps de fetch.
Q11 = False

# 12. A child process started with multiprocessing appends an item to a global list; the parent process
#     then sees that item in its own list.
#     Un processus enfant lancé avec multiprocessing ajoute un élément à une liste globale ; le processus
#     parent voit ensuite cet élément dans sa propre liste.
Q12 = False
